using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>
/// A kubelet that stops posting while its instance runs on: NotReady after the node monitor grace period, its pods
/// marked for deletion after their toleration and left Terminating, until the Node object goes.
/// </summary>
public sealed class KubeletOutageTests
{
    [Fact]
    public async Task A_silent_kubelet_makes_its_node_unreachable_after_50_s_and_its_pods_Terminating_after_5_min()
    {
        using var cluster = await SeedAsync(FleetOptions.WithWindowsAgents());
        var iis = cluster.Pods("windows-apps", "iis-frontend");
        var sick = cluster.Fleet.Instances.First(i => iis.Any(p => NodeName(p) == i.NodeName));
        var apps = cluster.PodsOn(sick.NodeName).Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == "windows-apps").Select(Name).ToHashSet();
        cluster.Step();

        Assert.True(cluster.Controllers.StopKubelet(sick.NodeName));
        Assert.False(cluster.Controllers.StopKubelet("no-such-node"));

        // 1. Ready until the grace period ends, though no heartbeat is written.
        var beatBefore = Condition(cluster.Node(sick.NodeName)!, "Ready")!["lastHeartbeatTime"]!.GetValue<string>();
        cluster.Advance(TimeSpan.FromSeconds(49));
        Assert.Equal("True", ConditionStatus(cluster.Node(sick.NodeName)!, "Ready"));
        Assert.Equal(beatBefore, Condition(cluster.Node(sick.NodeName)!, "Ready")!["lastHeartbeatTime"]!.GetValue<string>());

        // 2. At 50 s: Unknown, unreachable taints, its pods not Ready, the node kept.
        cluster.Advance(TimeSpan.FromSeconds(1));
        var node = cluster.Node(sick.NodeName)!;
        Assert.Equal("Unknown", ConditionStatus(node, "Ready"));
        Assert.Equal(["NoExecute", "NoSchedule"], node["spec"]!["taints"]!.AsArray().Select(t => t!["effect"]!.GetValue<string>()).Order());
        Assert.All(cluster.PodsOn(sick.NodeName), p => Assert.Equal("False", ConditionStatus(p, "Ready")));

        // 3. Past 300 s of toleration: the application pods are marked for deletion and stay; DaemonSet pods tolerate it.
        cluster.Advance(TimeSpan.FromSeconds(299));
        Assert.All(cluster.PodsOn(sick.NodeName), p => Assert.Null(p["metadata"]!["deletionTimestamp"]));
        cluster.Advance(TimeSpan.FromSeconds(1));
        cluster.Advance(TimeSpan.FromHours(2));
        var onNode = cluster.PodsOn(sick.NodeName);
        Assert.All(onNode.Where(p => apps.Contains(Name(p))), p => Assert.NotNull(p["metadata"]!["deletionTimestamp"]));
        Assert.Equal(apps.Order(), onNode.Where(p => p["metadata"]!["deletionTimestamp"] is not null).Select(Name).Order());
        Assert.NotNull(cluster.Node(sick.NodeName));
        Assert.Contains(cluster.EventsAbout("windows-apps", apps.First()), e => e.StartsWith("TaintManagerEviction: Marking for deletion Pod", StringComparison.Ordinal));

        // 4. Their controllers replaced them elsewhere; only the Node's deletion lets the stuck ones go.
        Assert.Equal(4, cluster.Pods("windows-apps", "iis-frontend").Count(p => p["metadata"]!["deletionTimestamp"] is null && NodeName(p) != sick.NodeName));
        cluster.Controllers.InstanceTerminated(sick.ProviderId);
        cluster.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(cluster.Node(sick.NodeName));
        Assert.Empty(cluster.PodsOn(sick.NodeName));
    }

    [Fact]
    public async Task A_fleet_outage_stops_the_groups_nth_node_at_its_time_and_by_default_none_stops()
    {
        var fleet = new FleetOptions { KubeletOutages = [new KubeletOutageOptions("eks-windows-b", 1, TimeSpan.FromMinutes(10))] };
        using var cluster = await SeedAsync(fleet);
        var target = cluster.Fleet.Instances.Where(i => i.GroupName == "eks-windows-b").Select(i => i.NodeName).Order(StringComparer.Ordinal).ElementAt(1);
        cluster.Step();

        Assert.Equal(Start + TimeSpan.FromMinutes(10), cluster.Controllers.NextDue);
        cluster.Advance(TimeSpan.FromMinutes(10));
        cluster.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal("Unknown", ConditionStatus(cluster.Node(target)!, "Ready"));
        Assert.Single(cluster.Store.List("v1", "nodes"), n => ConditionStatus(n, "Ready") != "True");
        using var quiet = await SeedAsync();
        quiet.Advance(TimeSpan.FromHours(1));
        Assert.All(quiet.Store.List("v1", "nodes"), n => Assert.Equal("True", ConditionStatus(n, "Ready")));
    }
}
