using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox;

/// <summary>
/// A simulated EKS cluster: the sandbox API server with the given CRDs, seeded with a fleet of nodes and workloads,
/// and (unless turned off) the controllers that schedule, start and replace its pods.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    private SandboxCluster(SandboxApiServer server, FleetOptions options, SeededFleet fleet, SandboxControllers? controllers)
    {
        Server = server;
        Options = options;
        Fleet = fleet;
        Controllers = controllers;
    }

    public SandboxApiServer Server { get; }

    public FleetOptions Options { get; }

    public SeededFleet Fleet { get; }

    /// <summary>The running controllers (also what the simulated cloud tells of booted and terminated instances); null when turned off.</summary>
    public SandboxControllers? Controllers { get; }

    public static Task<SandboxCluster> StartAsync(
        SandboxApiServerOptions server, FleetOptions fleet, ILoggerFactory? loggers = null, CancellationToken ct = default) =>
        StartAsync(server, fleet, new SandboxControllerOptions(), loggers, ct);

    public static async Task<SandboxCluster> StartAsync(
        SandboxApiServerOptions server, FleetOptions fleet, SandboxControllerOptions controllers, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(controllers);
        var started = await SandboxApiServer.StartAsync(server, loggers, ct).ConfigureAwait(false);
        try
        {
            var seeded = await new FleetSeeder(new StoreClusterWriter(started.Store), server.TimeProvider)
                .SeedAsync(fleet, ct).ConfigureAwait(false);
            SandboxControllers? running = null;
            if (controllers.Enabled)
            {
                running = new SandboxControllers(started.Store, fleet, server.TimeProvider, controllers, loggers?.CreateLogger<SandboxControllers>());
                running.Start();
            }

            return new SandboxCluster(started, fleet, seeded, running);
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Controllers?.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
