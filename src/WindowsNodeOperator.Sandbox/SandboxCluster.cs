using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox;

/// <summary>A simulated EKS cluster: the sandbox API server with the given CRDs, seeded with a fleet of nodes and workloads.</summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    private SandboxCluster(SandboxApiServer server, FleetOptions options, SeededFleet fleet)
    {
        Server = server;
        Options = options;
        Fleet = fleet;
    }

    public SandboxApiServer Server { get; }

    public FleetOptions Options { get; }

    public SeededFleet Fleet { get; }

    public static async Task<SandboxCluster> StartAsync(
        SandboxApiServerOptions server, FleetOptions fleet, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(fleet);
        var started = await SandboxApiServer.StartAsync(server, loggers, ct).ConfigureAwait(false);
        try
        {
            var seeded = await new FleetSeeder(new StoreClusterWriter(started.Store), server.TimeProvider)
                .SeedAsync(fleet, ct).ConfigureAwait(false);
            return new SandboxCluster(started, fleet, seeded);
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
