using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>
/// Graceful pod deletion: a deleted or evicted pod is Terminating until its kubelet removes it; a workload that handles
/// the stop signal goes within timings.podStop, one that ignores it at the end of its grace period, a hung one never
/// (until deleted with grace 0); on a node whose kubelet stopped, none goes. Its ReplicaSet replaces it at once.
/// </summary>
public sealed class PodTerminationTests
{
    private const string Image = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";

    private static FleetOptions Fleet() => new()
    {
        Workloads =
        [
            new("windows-apps", "quick", NodeOs.Windows, Replicas: 2, Image),
            new("windows-apps", "deaf", NodeOs.Windows, Replicas: 2, Image, OnStop: StopBehaviour.IgnoreSignal, TerminationGracePeriodSeconds: 120),
            new("windows-apps", "hung", NodeOs.Windows, Replicas: 2, Image, OnStop: StopBehaviour.Hang),
        ],
    };

    [Fact]
    public async Task A_pod_that_handles_the_stop_signal_goes_after_podStop_and_is_replaced_at_once()
    {
        using var cluster = await SeedAsync(Fleet());
        var victim = cluster.Pods("windows-apps", "quick")[0];
        cluster.Evict("windows-apps", Name(victim));
        cluster.Step();

        // Terminating, its deadline the end of the 30 s grace period; not counted: a replacement exists already.
        var marked = cluster.Pod("windows-apps", Name(victim));
        Assert.Equal(30, marked["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(3, cluster.Pods("windows-apps", "quick").Count);
        Assert.Contains("Killing: Stopping container quick", cluster.EventsAbout("windows-apps", Name(victim)));
        Assert.Equal(cluster.Time.GetUtcNow() + TimeSpan.FromSeconds(5), cluster.Controllers.NextDue);

        cluster.Advance(TimeSpan.FromSeconds(4));
        Assert.NotNull(cluster.Store.Find("v1", "pods", "windows-apps", Name(victim)));
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cluster.Store.Find("v1", "pods", "windows-apps", Name(victim)));
        Assert.Equal(2, cluster.Pods("windows-apps", "quick").Count);
    }

    [Fact]
    public async Task A_pod_that_ignores_the_stop_signal_takes_its_whole_grace_period_and_a_shorter_delete_shortens_it()
    {
        using var cluster = await SeedAsync(Fleet());
        var (first, second) = (Name(cluster.Pods("windows-apps", "deaf")[0]), Name(cluster.Pods("windows-apps", "deaf")[1]));
        cluster.Store.Delete("v1", "pods", "windows-apps", first);
        cluster.Step();

        // A longer grace on a second delete does not extend the deadline.
        cluster.Store.Delete("v1", "pods", "windows-apps", first, gracePeriodSeconds: 600);
        cluster.Advance(TimeSpan.FromSeconds(119));
        Assert.NotNull(cluster.Store.Find("v1", "pods", "windows-apps", first));
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cluster.Store.Find("v1", "pods", "windows-apps", first));

        // A shorter one does.
        cluster.Store.Delete("v1", "pods", "windows-apps", second);
        cluster.Step();
        cluster.Store.Delete("v1", "pods", "windows-apps", second, gracePeriodSeconds: 10);
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(cluster.Store.Find("v1", "pods", "windows-apps", second));
    }

    [Fact]
    public async Task A_hung_pod_stays_Terminating_until_deleted_with_grace_0()
    {
        using var cluster = await SeedAsync(Fleet());
        var hung = Name(cluster.Pods("windows-apps", "hung")[0]);
        cluster.Evict("windows-apps", hung);
        cluster.Advance(TimeSpan.FromHours(2));

        var stuck = cluster.Pod("windows-apps", hung);
        Assert.NotNull(stuck["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, cluster.Pods("windows-apps", "hung").Count(p => p["metadata"]!["deletionTimestamp"] is null));

        cluster.Store.Delete("v1", "pods", "windows-apps", hung, gracePeriodSeconds: 0);
        Assert.Null(cluster.Store.Find("v1", "pods", "windows-apps", hung));
    }

    [Fact]
    public async Task A_pod_whose_kubelet_stopped_stays_Terminating_past_its_grace_period()
    {
        using var cluster = await SeedAsync(Fleet());
        var pod = cluster.Pods("windows-apps", "quick")[0];
        Assert.True(cluster.Controllers.StopKubelet(NodeName(pod)!));
        cluster.Store.Delete("v1", "pods", "windows-apps", Name(pod));
        cluster.Advance(TimeSpan.FromSeconds(40));

        Assert.NotNull(cluster.Store.Find("v1", "pods", "windows-apps", Name(pod)));
        Assert.DoesNotContain(cluster.EventsAbout("windows-apps", Name(pod)), e => e.StartsWith("Killing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pending_pod_not_yet_on_a_node_is_deleted_at_once()
    {
        using var cluster = await SeedAsync(Fleet());
        var unbound = cluster.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "unbound", ["namespace"] = "windows-apps" },
            ["spec"] = new JsonObject
            {
                ["schedulerName"] = "nobody",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = Image }),
            },
        });

        cluster.Store.Delete("v1", "pods", "windows-apps", Name(unbound));
        Assert.Null(cluster.Store.Find("v1", "pods", "windows-apps", "unbound"));
    }
}
