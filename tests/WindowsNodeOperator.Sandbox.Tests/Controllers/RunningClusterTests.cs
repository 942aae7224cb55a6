using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>The controllers as SandboxCluster runs them: stepped on every change and by a timer on the cluster's clock.</summary>
public sealed class RunningClusterTests
{
    [Fact]
    public async Task A_deleted_pod_is_replaced_on_the_change_and_started_by_the_timer_once_the_clock_passes_the_delay()
    {
        var time = new FakeTimeProvider(Start);
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, new FleetOptions());
        Assert.NotNull(cluster.Controllers);
        var store = cluster.Server.Store;
        var victim = store.List("v1", "pods", "windows-apps", "app.kubernetes.io/name=orders-api")[0];

        store.Delete("v1", "pods", "windows-apps", Name(victim));
        var replacement = await WaitForPodAsync(store, p => Name(p) != Name(victim) && ConditionStatus(p, "Initialized") == "True" && Phase(p) == "Pending");
        Assert.NotNull(NodeName(replacement));

        time.Advance(TimeSpan.FromMinutes(3));
        var started = await WaitForPodAsync(store, p => Name(p) == Name(replacement) && Phase(p) == "Running");
        Assert.Equal("True", ConditionStatus(started, "Ready"));
    }

    [Fact]
    public async Task Turned_off_the_cluster_only_stores()
    {
        await using var cluster = await SandboxCluster.StartAsync(
            new SandboxApiServerOptions(), new FleetOptions(), new SandboxControllerOptions { Enabled = false });

        Assert.Null(cluster.Controllers);
    }

    private static async Task<JsonObject> WaitForPodAsync(ISandboxStore store, Func<JsonObject, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var change in store.WatchAsync("v1", "pods", "windows-apps", ct: timeout.Token))
        {
            if (change.Type != "DELETED" && predicate(change.Resource))
            {
                return change.Resource;
            }
        }

        throw new InvalidOperationException("The watch ended.");
    }
}
