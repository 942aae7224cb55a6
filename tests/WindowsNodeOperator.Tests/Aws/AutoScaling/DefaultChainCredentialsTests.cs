using Amazon;
using WindowsNodeOperator.Aws.AutoScaling;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

[Collection(EnvironmentCollectionDefinition.Name)]
public sealed class DefaultChainCredentialsTests : IDisposable
{
    private static readonly string[] Variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];
    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);

    [Fact]
    public async Task Signs_with_what_the_sdk_default_chain_finds_in_the_environment()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret-from-env");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "token-from-env");
        var handler = new RecordingHandler(_ => RecordingHandler.Xml(Samples.Hooks()));
        using var http = AutoScalingClientFactory.CreateHttpClient(new DefaultChainCredentials(), RegionEndpoint.EUWest1, handler);

        await new AutoScalingQueryClient(http, new Uri("https://autoscaling.eu-west-1.amazonaws.com"))
            .SendAsync(AutoScalingRequests.DescribeLifecycleHooks("g"), CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFROMENV/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal("token-from-env", request.Headers["X-Amz-Security-Token"]);
        var immutable = await new DefaultChainCredentials().GetCredentialsAsync();
        Assert.Equal(("AKIDFROMENV", "secret-from-env"), (immutable.AccessKey, immutable.SecretKey));
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
