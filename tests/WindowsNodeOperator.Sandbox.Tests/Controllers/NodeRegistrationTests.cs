using WindowsNodeOperator.Sandbox.Controllers;
using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>
/// A booted instance's Node joins as on EKS: registered NotReady and tainted uninitialized, without providerID or cloud
/// labels; initialized by the cloud controller manager after its delay; Ready after the kubelet's.
/// </summary>
public sealed class NodeRegistrationTests
{
    private const string Uninitialized = "node.cloudprovider.kubernetes.io/uninitialized";

    [Fact]
    public async Task A_node_registers_uninitialized_and_NotReady_then_gets_its_providerID_and_labels_then_turns_Ready()
    {
        var options = new SandboxControllerOptions { NodeInitialization = TimeSpan.FromSeconds(30), NodeReady = TimeSpan.FromSeconds(10) };
        using var cluster = await SeedAsync(FleetOptions.WithWindowsAgents(), options);
        var instance = NewInstance("10.0.7.7");

        // 1. Registered: NotReady, the taint, no providerID, no zone, region or instance type; nothing scheduled there.
        cluster.Controllers.InstanceBooted(instance);
        cluster.Step();
        var node = cluster.Node(instance.NodeName)!;
        Assert.Equal("False", ConditionStatus(node, "Ready"));
        Assert.Null(node["spec"]!["providerID"]);
        Assert.Equal(Uninitialized, Assert.Single(node["spec"]!["taints"]!.AsArray())!["key"]!.GetValue<string>());
        var labels = node["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey("topology.kubernetes.io/zone") || labels.ContainsKey("topology.kubernetes.io/region") || labels.ContainsKey("node.kubernetes.io/instance-type"));
        Assert.Equal("windows", labels["kubernetes.io/os"]!.GetValue<string>());
        Assert.Empty(cluster.PodsOn(instance.NodeName));

        // 2. The kubelet is Ready first; the taint still keeps every pod away.
        cluster.Advance(TimeSpan.FromSeconds(10));
        node = cluster.Node(instance.NodeName)!;
        Assert.Equal("True", ConditionStatus(node, "Ready"));
        Assert.Null(node["spec"]!["providerID"]);
        Assert.Empty(cluster.PodsOn(instance.NodeName));
        Assert.Empty(cluster.Controllers.NodesInitialized);

        // 3. The cloud controller manager initializes it: providerID, the labels, the taint gone; the DaemonSets follow.
        cluster.Advance(TimeSpan.FromSeconds(20));
        node = cluster.Node(instance.NodeName)!;
        Assert.Equal(instance.ProviderId, node["spec"]!["providerID"]!.GetValue<string>());
        Assert.Empty(node["spec"]!["taints"]!.AsArray());
        labels = node["metadata"]!["labels"]!.AsObject();
        Assert.Equal("us-west-2a", labels["topology.kubernetes.io/zone"]!.GetValue<string>());
        Assert.Equal("us-west-2", labels["topology.kubernetes.io/region"]!.GetValue<string>());
        Assert.Equal("m5.xlarge", labels["node.kubernetes.io/instance-type"]!.GetValue<string>());
        Assert.Equal(2, cluster.PodsOn(instance.NodeName).Count);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), cluster.Controllers.NodesInitialized[instance.NodeName]);
        Assert.Contains($"NodeReady: Node {instance.NodeName} status is now: NodeReady", cluster.EventsAbout("default", instance.NodeName));
    }

    [Fact]
    public async Task An_instance_terminated_before_its_node_is_initialized_still_loses_its_node()
    {
        var options = new SandboxControllerOptions { NodeInitialization = TimeSpan.FromMinutes(5), NodeReady = TimeSpan.FromSeconds(10) };
        using var cluster = await SeedAsync(options: options);
        var instance = NewInstance("10.0.7.8");
        cluster.Controllers.InstanceBooted(instance);
        cluster.Advance(TimeSpan.FromSeconds(10));

        cluster.Controllers.InstanceTerminated(instance.ProviderId);
        cluster.Step();
        Assert.Equal("Unknown", ConditionStatus(cluster.Node(instance.NodeName)!, "Ready"));

        cluster.Advance(options.NodeDeletionGrace);
        Assert.Null(cluster.Node(instance.NodeName));

        // Its initialization never comes.
        cluster.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(cluster.Node(instance.NodeName));
        Assert.Empty(cluster.Controllers.NodesInitialized);
    }

    [Fact]
    public async Task With_no_delays_a_node_registers_initialized_and_Ready()
    {
        using var cluster = await SeedAsync(options: new SandboxControllerOptions { NodeInitialization = TimeSpan.Zero, NodeReady = TimeSpan.Zero });
        var instance = NewInstance("10.0.7.9");

        cluster.Controllers.InstanceBooted(instance);
        var node = cluster.Node(instance.NodeName)!;
        Assert.Equal("True", ConditionStatus(node, "Ready"));
        Assert.Equal(instance.ProviderId, node["spec"]!["providerID"]!.GetValue<string>());
        Assert.Null(node["spec"]!["taints"]);
    }

    private static SimulatedInstance NewInstance(string ip) =>
        new("i-0123456789abcdef0", "eks-windows-a", NodeOs.Windows, "m5.xlarge", "us-west-2a", ip, FleetPlan.MonthlyWindowsAmis[^1], Start - NodeManifest.BootTime);
}
