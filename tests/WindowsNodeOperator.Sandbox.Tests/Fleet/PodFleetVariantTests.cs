using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

/// <summary>The fleet files of slow and stuck Windows pods, and of tight pod capacity, seed what they say.</summary>
public sealed class PodFleetVariantTests
{
    [Fact]
    public async Task The_shutdown_fleet_gives_iis_frontend_a_60_s_grace_it_ignores_and_report_renderer_a_hang()
    {
        using var cluster = await SeedAsync(FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-windows-shutdown.json")));

        Assert.All(cluster.Pods("windows-apps", "iis-frontend"), p =>
        {
            Assert.Equal(StopBehaviour.IgnoreSignal, StopBehaviours.Of(p));
            Assert.Equal(60, p["spec"]!["terminationGracePeriodSeconds"]!.GetValue<int>());
        });
        Assert.Equal(StopBehaviour.Hang, StopBehaviours.Of(Assert.Single(cluster.Pods("windows-apps", "report-renderer"))));
        Assert.All(cluster.Pods("windows-apps", "orders-api"), p => Assert.Equal(StopBehaviour.Exit, StopBehaviours.Of(p)));
        Assert.All(cluster.Pods("windows-apps", "orders-api"), p => Assert.Equal(30, p["spec"]!["terminationGracePeriodSeconds"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_tight_fleet_fills_its_four_windows_nodes_to_44_of_the_48_places_its_daemonsets_leave()
    {
        using var cluster = await SeedAsync(FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-tight-capacity.json")));

        var windows = cluster.Windows.Select(i => i.NodeName).ToList();
        Assert.Equal(4, windows.Count);
        Assert.All(windows, n => Assert.InRange(cluster.PodsOn(n).Count, 12, 14));
        Assert.Equal(4 * 14 - 4, windows.Sum(n => cluster.PodsOn(n).Count));

        // The controllers find every replica in place: nothing is created, nothing left Pending.
        cluster.Step();
        Assert.DoesNotContain(cluster.Pods("windows-apps", "iis-frontend"), p => NodeName(p) is null);
    }
}
