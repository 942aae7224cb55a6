using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// Defers to the SDK's default credential chain on every use, so the first call (not start-up)
/// pays for instance metadata or web identity, and the SDK's caching and refresh stay in charge.
/// </summary>
internal sealed class DefaultChainCredentials(DefaultAWSCredentialsIdentityResolver resolver) : AWSCredentials
{
    public DefaultChainCredentials()
        : this(new DefaultAWSCredentialsIdentityResolver())
    {
    }

    public override ImmutableCredentials GetCredentials() =>
        resolver.ResolveIdentity(null).GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync() =>
        await (await resolver.ResolveIdentityAsync(null).ConfigureAwait(false)).GetCredentialsAsync().ConfigureAwait(false);
}
