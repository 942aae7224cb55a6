using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>Nodes come and go with their instances; DaemonSets follow them and ReplicaSets move their pods.</summary>
public sealed class NodeLifecycleTests
{
    private static readonly string[] WindowsDaemonSets = ["fluent-bit-windows", "windows-exporter"];

    // Nodes initialized and Ready as they register, so the DaemonSets' own timings are measured from the boot.
    private static readonly SandboxControllerOptions JoinAtOnce = new() { NodeInitialization = TimeSpan.Zero, NodeReady = TimeSpan.Zero };

    [Fact]
    public async Task A_new_windows_node_gets_one_pod_of_each_windows_daemonset_and_none_of_the_linux_ones()
    {
        using var cluster = await SeedAsync(FleetOptions.WithWindowsAgents(), JoinAtOnce);
        var instance = NewInstance(NodeOs.Windows, "10.0.7.7");

        cluster.Controllers.InstanceBooted(instance);
        var node = cluster.Node(instance.NodeName)!;
        Assert.Equal(instance.ProviderId, node["spec"]!["providerID"]!.GetValue<string>());
        Assert.Equal("True", ConditionStatus(node, "Ready"));
        Assert.Equal(Start, DateTimeOffset.Parse(node["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        // Cordoned before its DaemonSet pods arrive: they tolerate that.
        cluster.Cordon(instance.NodeName);
        cluster.Step();

        var pods = cluster.PodsOn(instance.NodeName);
        Assert.Equal(WindowsDaemonSets, pods.Select(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()).Order());
        Assert.All(pods, p => Assert.Equal("Pending", Phase(p)));
        Assert.Equal(14, DaemonSet(cluster, "fluent-bit-windows")["status"]!["numberReady"]!.GetValue<int>());
        Assert.Equal(15, DaemonSet(cluster, "fluent-bit-windows")["status"]!["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal(2, DaemonSet(cluster, "kube-proxy")["status"]!["desiredNumberScheduled"]!.GetValue<int>());

        cluster.Advance(TimeSpan.FromMinutes(3));
        Assert.All(cluster.PodsOn(instance.NodeName), p => Assert.Equal("Running", Phase(p)));
        Assert.All(WindowsDaemonSets, ds => Assert.Equal(15, DaemonSet(cluster, ds)["status"]!["numberReady"]!.GetValue<int>()));
        Assert.Null(DaemonSet(cluster, "fluent-bit-windows")["status"]!["numberUnavailable"]);
    }

    [Fact]
    public async Task A_new_linux_node_gets_the_eks_add_on_daemonsets_ready_after_ten_seconds()
    {
        using var cluster = await SeedAsync(options: JoinAtOnce);
        var instance = NewInstance(NodeOs.Linux, "10.0.8.8");

        cluster.Controllers.InstanceBooted(instance);
        cluster.Step();
        var pods = cluster.PodsOn(instance.NodeName);
        Assert.Equal(["aws-node", "kube-proxy"], pods.Select(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()).Order());

        cluster.Advance(TimeSpan.FromSeconds(9));
        Assert.All(cluster.PodsOn(instance.NodeName), p => Assert.Equal("Pending", Phase(p)));
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.All(cluster.PodsOn(instance.NodeName), p => Assert.Equal("Running", Phase(p)));
    }

    [Fact]
    public async Task A_terminated_instance_node_goes_not_ready_is_deleted_after_the_grace_and_its_pods_are_recreated_elsewhere()
    {
        using var cluster = await SeedAsync(FleetOptions.WithWindowsAgents());
        var iis = cluster.Pods("windows-apps", "iis-frontend");
        var doomed = cluster.Fleet.Instances.First(i => iis.Any(p => NodeName(p) == i.NodeName));
        var podsThere = cluster.PodsOn(doomed.NodeName).Select(Name).ToHashSet();

        cluster.Controllers.InstanceTerminated(doomed.ProviderId);

        // 1. NotReady at once: conditions Unknown, unreachable taints, its pods no longer Ready.
        var node = cluster.Node(doomed.NodeName)!;
        var ready = Condition(node, "Ready")!;
        Assert.Equal(("Unknown", "NodeStatusUnknown"), (ready["status"]!.GetValue<string>(), ready["reason"]!.GetValue<string>()));
        Assert.Equal(["NoExecute", "NoSchedule"], node["spec"]!["taints"]!.AsArray().Select(t => t!["effect"]!.GetValue<string>()).Order());
        Assert.All(cluster.PodsOn(doomed.NodeName), p => Assert.Equal("False", ConditionStatus(p, "Ready")));
        Assert.Equal(0, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));

        // 2. Still there one second before the grace ends; nothing is recreated yet.
        cluster.Step();
        cluster.Advance(TimeSpan.FromSeconds(39));
        Assert.NotNull(cluster.Node(doomed.NodeName));
        Assert.Equal(podsThere.Order(), cluster.PodsOn(doomed.NodeName).Select(Name).Order());

        // 3. Deleted at 40 s, its pods with it; ReplicaSets replace theirs on other Windows nodes, DaemonSets do not.
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cluster.Node(doomed.NodeName));
        Assert.Empty(cluster.PodsOn(doomed.NodeName));
        Assert.DoesNotContain(cluster.Store.List("v1", "pods"), p => podsThere.Contains(Name(p)));
        var now = cluster.Pods("windows-apps", "iis-frontend");
        Assert.Equal(4, now.Count);
        var windowsNodes = cluster.Windows.Where(i => i != doomed).Select(i => i.NodeName).ToHashSet();
        Assert.All(now, p => Assert.Contains(NodeName(p)!, windowsNodes));
        Assert.Equal(13, DaemonSet(cluster, "windows-exporter")["status"]!["desiredNumberScheduled"]!.GetValue<int>());
        Assert.Equal(13, DaemonSet(cluster, "windows-exporter")["status"]!["numberReady"]!.GetValue<int>());

        Assert.Equal(
            [$"NodeNotReady: Node {doomed.NodeName} status is now: NodeNotReady", $"RemovingNode: Node {doomed.NodeName} event: Removing Node {doomed.NodeName} from Controller"],
            cluster.EventsAbout("default", doomed.NodeName));

        cluster.Advance(TimeSpan.FromMinutes(3));
        Assert.All(cluster.Pods("windows-apps", "iis-frontend"), p => Assert.Equal("Running", Phase(p)));
        Assert.Equal(1, cluster.DisruptionsAllowed("windows-apps", "iis-frontend"));
    }

    [Fact]
    public async Task Termination_of_an_unknown_instance_and_a_second_boot_change_nothing()
    {
        using var cluster = await SeedAsync();
        cluster.Step();
        var changes = cluster.Changes;

        cluster.Controllers.InstanceTerminated("aws:///us-west-2a/i-0000000000000dead");
        cluster.Controllers.InstanceBooted(cluster.Fleet.Instances[0]);
        cluster.Step();

        Assert.Equal(changes, cluster.Changes);
    }

    [Fact]
    public async Task Deleting_a_daemonset_deletes_its_pods()
    {
        using var cluster = await SeedAsync(FleetOptions.WithWindowsAgents());
        cluster.Store.Delete("apps/v1", "daemonsets", "monitoring", "windows-exporter");
        cluster.Step();

        Assert.Empty(cluster.Pods("monitoring", "windows-exporter"));
        Assert.Equal(14, cluster.Pods("logging", "fluent-bit-windows").Count);
    }

    private static System.Text.Json.Nodes.JsonObject DaemonSet(ControlledCluster cluster, string name) =>
        cluster.Store.List("apps/v1", "daemonsets").Single(d => d["metadata"]!["name"]!.GetValue<string>() == name);

    private static SimulatedInstance NewInstance(NodeOs os, string ip) =>
        new("i-0123456789abcdef0", os == NodeOs.Windows ? "eks-windows-a" : "eks-linux-system", os, "m5.xlarge", "us-west-2a", ip,
            os == NodeOs.Windows ? FleetPlan.MonthlyWindowsAmis[^1] : FleetPlan.LinuxAmi, Start - NodeManifest.BootTime);
}
