using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Hosting;

namespace WindowsNodeOperator.Cli;

/// <summary>
/// The operator's own cloud ports and adapters for a one-shot command, composed as <c>run</c> composes them (the same
/// composition, so tests point it at the simulated account): <c>--region</c> and <c>--profile</c> on top of the SDK's chain.
/// </summary>
internal static class AuditCloud
{
    public static ServiceProvider Build(OperatorComposition composition, string? region, string? profile)
    {
        ArgumentNullException.ThrowIfNull(composition);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (region is { Length: > 0 })
        {
            settings["Aws:Region"] = region;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        composition.AddCloud(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (profile is { Length: > 0 })
        {
            var (credentials, profileRegion) = FromProfile(profile);
            services.PostConfigure<AwsClientOptions>(o =>
            {
                o.Credentials ??= credentials;
                o.Region ??= profileRegion;
            });
        }

        return services.BuildServiceProvider();
    }

    private static (AWSCredentials Credentials, string? Region) FromProfile(string name)
    {
        var chain = new CredentialProfileStoreChain();
        if (!chain.TryGetProfile(name, out var profile) || !chain.TryGetAWSCredentials(name, out var credentials))
        {
            throw new AuditFailure($"no AWS credentials: profile '{name}' is not in the shared config or credentials file");
        }

        return (credentials, profile.Region?.SystemName);
    }
}
