using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>An evicted ReplicaSet pod is replaced, scheduled and started, and its budget recovers, as in a real cluster.</summary>
public sealed class ReplacementTests
{
    private static readonly TimeSpan WindowsStart = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PodStop = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_evicted_iis_frontend_pod_is_replaced_at_once_bound_to_an_uncordoned_windows_node_and_ready_after_the_start_delay()
    {
        using var cluster = await SeedAsync();
        foreach (var node in cluster.Windows.Where(i => i.GroupName != "eks-windows-b"))
        {
            cluster.Cordon(node.NodeName);
        }

        Assert.Equal(1, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));
        var before = cluster.Pods("windows-apps", "iis-frontend");
        var victim = before[0];
        var replicaSet = victim["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>();
        var seen = new List<(string Type, string? Node, string? Phase)>();
        cluster.Store.Changed += (_, e) =>
        {
            if (e.Resource["kind"]?.GetValue<string>() == "Pod" && before.All(p => Name(p) != Name(e.Resource)) && Name(e.Resource).StartsWith(replicaSet, StringComparison.Ordinal))
            {
                seen.Add((e.Type, NodeName(e.Resource), Phase(e.Resource)));
            }
        };

        cluster.Evict("windows-apps", Name(victim));
        Assert.Equal(0, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));
        var load = LoadOfGroupB(cluster);
        cluster.Step();

        // The evicted pod is Terminating and no longer counted: a replacement named by the ReplicaSet with a random suffix
        // is created at once, Pending and unbound, then bound.
        Assert.NotNull(cluster.Pod("windows-apps", Name(victim))["metadata"]!["deletionTimestamp"]);
        var pods = cluster.Pods("windows-apps", "iis-frontend").Where(p => Name(p) != Name(victim)).ToList();
        Assert.Equal(4, pods.Count);
        var replacement = pods.Single(p => before.All(b => Name(b) != Name(p)));
        Assert.Matches($"^{replicaSet}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", Name(replacement));
        Assert.Equal(("ADDED", (string?)null, (string?)"Pending"), seen[0]);
        Assert.Contains(seen, s => s.Node is not null);

        // Bound to the uncordoned Windows node with the fewest pods, admitted there but not yet started.
        var expected = load.OrderBy(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key;
        Assert.Equal(expected, NodeName(replacement));
        Assert.Equal("Pending", Phase(replacement));
        Assert.Equal("True", ConditionStatus(replacement, "PodScheduled"));
        Assert.Equal("True", ConditionStatus(replacement, "Initialized"));
        Assert.Equal("False", ConditionStatus(replacement, "ContainersReady"));
        Assert.Equal("False", ConditionStatus(replacement, "Ready"));
        Assert.Equal("ContainerCreating", replacement["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]!.GetValue<string>());
        Assert.Equal(0, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));
        Assert.Contains($"SuccessfulCreate: Created pod: {Name(replacement)}", cluster.EventsAbout("windows-apps", replicaSet));
        Assert.Equal(
            [$"Scheduled: Successfully assigned windows-apps/{Name(replacement)} to {expected}", "Pulling: Pulling image \"mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022\""],
            cluster.EventsAbout("windows-apps", Name(replacement)));

        // One second short of the Windows start delay: still starting.
        cluster.Advance(WindowsStart - TimeSpan.FromSeconds(1));
        replacement = cluster.Pod("windows-apps", Name(replacement));
        Assert.Equal("Pending", Phase(replacement));
        Assert.Equal(0, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));

        cluster.Advance(TimeSpan.FromSeconds(1));
        replacement = cluster.Pod("windows-apps", Name(replacement));
        Assert.Equal("Running", Phase(replacement));
        Assert.All(new[] { "PodScheduled", "Initialized", "ContainersReady", "Ready" }, t => Assert.Equal("True", ConditionStatus(replacement, t)));
        Assert.True(replacement["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>());
        Assert.StartsWith("10.1.", replacement["status"]!["podIP"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));
        var rs = cluster.Store.Find("apps/v1", "replicasets", "windows-apps", replicaSet)!;
        Assert.Equal((4, 4, 4), (Count(rs, "replicas"), Count(rs, "readyReplicas"), Count(rs, "availableReplicas")));
    }

    [Fact]
    public async Task With_every_windows_node_cordoned_the_replacement_stays_pending_unschedulable_until_one_is_uncordoned()
    {
        using var cluster = await SeedAsync();
        foreach (var node in cluster.Windows)
        {
            cluster.Cordon(node.NodeName);
        }

        var victim = cluster.Pods("windows-apps", "iis-frontend")[0];
        cluster.Evict("windows-apps", Name(victim));
        cluster.Step();
        cluster.Advance(TimeSpan.FromMinutes(10));

        var replacement = cluster.Pods("windows-apps", "iis-frontend").Single(p => NodeName(p) is null);
        Assert.Equal("Pending", Phase(replacement));
        var scheduled = Condition(replacement, "PodScheduled")!;
        Assert.Equal("False", scheduled["status"]!.GetValue<string>());
        Assert.Equal("Unschedulable", scheduled["reason"]!.GetValue<string>());
        Assert.Equal(
            "0/16 nodes are available: 14 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/16 nodes are available: 16 Preemption is not helpful for scheduling.",
            scheduled["message"]!.GetValue<string>());
        Assert.Equal(0, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));

        // The condition is written once, not on every step.
        var changes = cluster.Changes;
        cluster.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(changes, cluster.Changes);
        Assert.Equal(["FailedScheduling: " + scheduled["message"]!.GetValue<string>()], cluster.EventsAbout("windows-apps", Name(replacement)));

        var uncordoned = cluster.Windows.First().NodeName;
        cluster.Store.Patch("v1", "nodes", null, uncordoned, SandboxPatchType.Merge, JsonNode.Parse("""{"spec":{"unschedulable":null}}""")!);
        cluster.Step();
        Assert.Equal(uncordoned, NodeName(cluster.Pod("windows-apps", Name(replacement))));
    }

    [Fact]
    public async Task Scaling_a_deployment_scales_its_replicaset_and_status_counts_follow_the_pods()
    {
        using var cluster = await SeedAsync();
        cluster.Store.Patch("apps/v1", "deployments", "windows-apps", "orders-api", SandboxPatchType.Merge, JsonNode.Parse("""{"spec":{"replicas":5}}""")!);
        cluster.Step();

        var deployment = cluster.Store.Find("apps/v1", "deployments", "windows-apps", "orders-api")!;
        Assert.Equal(5, cluster.Pods("windows-apps", "orders-api").Count);
        Assert.Equal((5, 3, 3, 2), (Count(deployment, "replicas"), Count(deployment, "readyReplicas"), Count(deployment, "availableReplicas"), Count(deployment, "unavailableReplicas")));

        cluster.Advance(WindowsStart);
        deployment = cluster.Store.Find("apps/v1", "deployments", "windows-apps", "orders-api")!;
        Assert.Equal((5, 5, 5, 0), (Count(deployment, "replicas"), Count(deployment, "readyReplicas"), Count(deployment, "availableReplicas"), Count(deployment, "unavailableReplicas")));
        Assert.Equal(5, Count(deployment, "updatedReplicas"));
    }

    private static Dictionary<string, int> LoadOfGroupB(ControlledCluster cluster) =>
        cluster.Windows.Where(i => i.GroupName == "eks-windows-b").ToDictionary(i => i.NodeName, i => cluster.PodsOn(i.NodeName).Count, StringComparer.Ordinal);
}
