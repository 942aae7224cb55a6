using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>
/// A Windows node takes as many pods as its primary network interface has addresses, minus one (14 on m5.xlarge); a
/// Linux node as the VPC CNI's formula says (58). The scheduler refuses a pod when every fitting node is full.
/// </summary>
public sealed class PodCapacityTests
{
    [Theory]
    [InlineData("m5.xlarge", NodeOs.Windows, 14)]
    [InlineData("m5.xlarge", NodeOs.Linux, 58)]
    [InlineData("m5.large", NodeOs.Windows, 9)]
    [InlineData("m5.large", NodeOs.Linux, 29)]
    [InlineData("g4dn.xlarge", NodeOs.Windows, 9)]
    [InlineData("t3.medium", NodeOs.Linux, 17)]
    public void Max_pods_follow_the_instance_types_network_interfaces(string type, NodeOs os, int expected) =>
        Assert.Equal(expected, InstanceNetworkLimits.MaxPods(type, os));

    [Fact]
    public async Task Seeded_nodes_report_their_pod_capacity_and_a_full_fleet_leaves_pods_Pending_with_Too_many_pods()
    {
        // Two Windows nodes of 14 pods each: 28 replicas fit, the 29th and 30th do not.
        using var cluster = await SeedAsync(new FleetOptions
        {
            Groups = [new("eks-windows-a", NodeOs.Windows, Size: 2, MaxAgeDays: 60, Tags: FleetOptions.ManagedTag), new("eks-linux-system", NodeOs.Linux, Size: 1, MaxAgeDays: 60, Tags: FleetOptions.ManagedTag)],
            Workloads = [new("windows-apps", "packed", NodeOs.Windows, Replicas: 28, "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022")],
            DaemonSets = [],
        });
        var windows = cluster.Windows.Select(i => cluster.Node(i.NodeName)!).ToList();
        Assert.All(windows, n => Assert.Equal("14", n["status"]!["allocatable"]!["pods"]!.GetValue<string>()));
        Assert.All(windows, n => Assert.Equal(14, cluster.PodsOn(Name(n)).Count));

        cluster.Store.Patch("apps/v1", "deployments", "windows-apps", "packed", WindowsNodeOperator.Sandbox.Kubernetes.Server.SandboxPatchType.Merge,
            System.Text.Json.Nodes.JsonNode.Parse("""{"spec":{"replicas":30}}""")!);
        cluster.Step();

        var pending = cluster.Pods("windows-apps", "packed").Where(p => NodeName(p) is null).ToList();
        Assert.Equal(2, pending.Count);
        var message = Condition(pending[0], "PodScheduled")!["message"]!.GetValue<string>();
        Assert.StartsWith("0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Too many pods.", message, StringComparison.Ordinal);
        Assert.Contains($"FailedScheduling: {message}", cluster.EventsAbout("windows-apps", Name(pending[0])));

        // A pod that goes frees its place only once it is gone, not while Terminating.
        var leaving = cluster.PodsOn(Name(windows[0]))[0];
        cluster.Evict("windows-apps", Name(leaving));
        cluster.Step();
        Assert.Equal(2 + 1, cluster.Pods("windows-apps", "packed").Count(p => NodeName(p) is null));
        cluster.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, cluster.Pods("windows-apps", "packed").Count(p => NodeName(p) is null));
    }
}
