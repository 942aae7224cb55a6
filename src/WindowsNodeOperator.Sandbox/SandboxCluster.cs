using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Nodes;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox;

/// <summary>
/// A simulated EKS cluster: the sandbox API server with the given CRDs, seeded with a fleet of nodes and workloads,
/// (unless turned off) the controllers that schedule, start and replace its pods, and the simulated AWS account behind
/// the nodes, whose booted and terminated instances join and leave the cluster.
/// </summary>
public sealed class SandboxCluster : IAsyncDisposable
{
    private readonly SimulatedCloudTicker _ticker;

    private SandboxCluster(SandboxApiServer server, FleetOptions options, SeededFleet fleet, SandboxControllers? controllers, SimulatedCloud cloud, SimulatedCloudTicker ticker)
    {
        Server = server;
        Options = options;
        Fleet = fleet;
        Controllers = controllers;
        Cloud = cloud;
        _ticker = ticker;
    }

    public SandboxApiServer Server { get; }

    public FleetOptions Options { get; }

    public SeededFleet Fleet { get; }

    /// <summary>The running controllers (also what the simulated cloud tells of booted and terminated instances); null when turned off.</summary>
    public SandboxControllers? Controllers { get; }

    /// <summary>The AWS account behind the fleet: its groups, instances, launch templates, AMIs and SSM parameters.</summary>
    public SimulatedCloud Cloud { get; }

    public static Task<SandboxCluster> StartAsync(
        SandboxApiServerOptions server, FleetOptions fleet, ILoggerFactory? loggers = null, CancellationToken ct = default) =>
        StartAsync(server, fleet, SandboxControllerOptions.From(fleet?.Timings ?? new FleetTimings()), loggers, ct);

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

            var cloud = new SimulatedCloud(
                server.TimeProvider,
                new SimulatedCloudOptions
                {
                    Region = fleet.Region,
                    HostnameType = fleet.HostnameType,
                    InstanceStartTime = fleet.Timings.InstanceStart,
                    InstanceShutdownTime = fleet.Timings.InstanceShutdown,
                    BootTime = fleet.Timings.InstanceBoot,
                },
                running is null ? null : new ClusterNodeRegistry(running));
            cloud.Seed(fleet, seeded.Instances);
            var ticker = new SimulatedCloudTicker(cloud, server.TimeProvider, controllers.Interval);
            return new SandboxCluster(started, fleet, seeded, running, cloud, ticker);
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _ticker.Dispose();
        Controllers?.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
    }
}
