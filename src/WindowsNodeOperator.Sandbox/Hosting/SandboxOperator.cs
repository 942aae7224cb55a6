using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Sandbox.Hosting.Clock;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Hosting;

/// <summary>The real operator against a running sandbox: the host `run` builds, pointed at the simulated AWS account, with the sandbox clock and kubeconfig.</summary>
internal static class SandboxOperator
{
    /// <summary>How long before the sandbox starts the new AMI is dated: past the sample policy's 24h soak, so it is rolled out at once.</summary>
    public static readonly TimeSpan NewAmiAge = TimeSpan.FromDays(2);

    /// <summary>The operator as `run` composes it, with the real AWS clients pointed at <paramref name="aws"/>.</summary>
    public static IHost Build(SandboxAwsEndpoint aws, TimeProvider time, string kubeconfig, int metricsPort, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var overrides = new Dictionary<string, string?>
        {
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.ClusterName)}"] = clusterName,
            ["Aws:Region"] = aws.Region,
            ["Aws:EndpointUrl"] = aws.Url.ToString(),
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.Kubeconfig)}"] = kubeconfig,
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.LeaderElect)}"] = "true",
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.LeaseNamespace)}"] = "kube-system",
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.MetricsBindAddress)}"] = $"127.0.0.1:{metricsPort}",
            [$"{OperatorOptions.Section}:{nameof(OperatorOptions.HealthProbeBindAddress)}"] = "127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:WindowsNodeOperator"] = "Information",

            // The sandbox sends no watch bookmarks, so a watch its timeout ends without a single event reaches the
            // client as a dropped stream; the watcher reconnects, but on a sped-up clock it would warn every second.
            ["Logging:LogLevel:WindowsNodeOperator.Runtime.Watching"] = "Error",
        };
        var composition = new OperatorComposition((services, configuration) =>
        {
            RealAws.Add(services, configuration);
            services.PostConfigure<AwsClientOptions>(o => o.Credentials = SandboxAwsEndpoint.Credentials);

            // The per-attempt timeout runs on the sandbox clock: scaled, a sped-up clock does not time out calls that take real time.
            var speed = time is AcceleratedTimeProvider accelerated ? accelerated.Speed : 1;
            services.PostConfigure<AwsResilienceOptions>(o =>
                o.AttemptTimeout = o.AttemptTimeout == Timeout.InfiniteTimeSpan ? o.AttemptTimeout : o.AttemptTimeout * speed);
        }, time);
        return OperatorHost.Build(OperatorConfiguration.Build(null, overrides), composition);
    }

    /// <summary>Publishes a newer EKS-optimized Windows AMI (Core) of <paramref name="windowsVersion"/>, so the seeded fleet has drift to fix; returns its id.</summary>
    public static string PublishNewAmi(SandboxCluster cluster, TimeProvider time, string windowsVersion = "2022")
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var version = cluster.Options.KubernetesVersion;
        var released = time.GetUtcNow() - NewAmiAge;
        return cluster.Cloud.PublishImage(
            FleetParameters.WindowsAmi(version, "Core", windowsVersion),
            $"Windows_Server-{windowsVersion}-English-Core-EKS_Optimized-{version}-{released:yyyy.MM.dd}",
            released);
    }

    /// <summary>The Windows Server versions the fleet's Windows groups run, 2022 first.</summary>
    public static IReadOnlyList<string> WindowsVersions(FleetOptions fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return [.. fleet.Groups.Where(g => g.Os == NodeOs.Windows).Select(g => g.WindowsVersion).Prepend("2022").Distinct(StringComparer.Ordinal)];
    }

    public static Uri? MetricsAddress(IHost host) => host.Services.GetRequiredService<OperatorEndpoints>().MetricsAddress;
}
