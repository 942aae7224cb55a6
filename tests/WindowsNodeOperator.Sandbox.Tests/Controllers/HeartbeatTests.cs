using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Kubelet;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>The kubelets report as on EKS: a Lease renewed every 10 s, Node status every 5 minutes or 10 s after a change.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task Every_kubelet_holds_a_node_lease_renewed_every_ten_seconds_counted_apart_from_controller_writes()
    {
        using var cluster = await SeedAsync();

        Assert.Equal(0, cluster.Step());
        var leases = cluster.Store.List("coordination.k8s.io/v1", "leases", "kube-node-lease");
        Assert.Equal(cluster.Fleet.Instances.Select(i => i.NodeName).Order(), leases.Select(Name).Order());
        var lease = leases[0];
        Assert.Equal(Name(lease), lease["spec"]!["holderIdentity"]!.GetValue<string>());
        Assert.Equal(40, lease["spec"]!["leaseDurationSeconds"]!.GetValue<int>());
        Assert.Equal("Node", lease["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(Start, RenewTime(cluster, Name(lease)));

        cluster.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(Start, RenewTime(cluster, Name(lease)));
        cluster.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Start.AddSeconds(10), RenewTime(cluster, Name(lease)));

        Assert.Equal(0, cluster.Changes);
        Assert.True(cluster.Controllers.HeartbeatWrites >= 2 * leases.Count);
        Assert.Null(cluster.Controllers.NextDue);
    }

    [Fact]
    public async Task Node_status_is_posted_every_five_minutes_and_ten_seconds_after_it_changed()
    {
        using var cluster = await SeedAsync();
        var name = cluster.Fleet.Instances[0].NodeName;

        // 1. The seeded nodes last reported when they registered: the first tick reports.
        cluster.Step();
        Assert.All(Heartbeats(cluster, name), t => Assert.Equal(Start, t));

        // 2. Nothing changed: the next report is due 5 minutes on.
        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Advance(TimeSpan.FromMinutes(4).Add(TimeSpan.FromSeconds(40)));
        Assert.All(Heartbeats(cluster, name), t => Assert.Equal(Start, t));
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.All(Heartbeats(cluster, name), t => Assert.Equal(Start.AddMinutes(5), t));

        // 3. A condition changed: reported at the next 10-second tick.
        var node = cluster.Node(name)!;
        var conditions = (JsonArray)node["status"]!["conditions"]!.DeepClone();
        conditions.OfType<JsonObject>().First(c => c["type"]!.GetValue<string>() == "DiskPressure")["message"] = "kubelet has 12% disk free";
        cluster.Store.Patch("v1", "nodes", null, name, SandboxPatchType.Merge, new JsonObject { ["status"] = new JsonObject { ["conditions"] = conditions } }, "status");
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.All(Heartbeats(cluster, name), t => Assert.Equal(Start.AddMinutes(5).AddSeconds(10), t));
        Assert.True(LastTransition(cluster, name) < Start, "a heartbeat is no transition");
    }

    [Fact]
    public async Task A_terminated_instance_kubelet_beats_no_more_and_its_lease_goes_with_its_node()
    {
        using var cluster = await SeedAsync();
        var doomed = cluster.Fleet.Instances[0];
        cluster.Step();

        cluster.Controllers.InstanceTerminated(doomed.ProviderId);
        cluster.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(Start, RenewTime(cluster, doomed.NodeName));

        cluster.Advance(TimeSpan.FromSeconds(10));
        cluster.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(cluster.Node(doomed.NodeName));
        Assert.Null(cluster.Store.Find("coordination.k8s.io/v1", "leases", "kube-node-lease", doomed.NodeName));
    }

    [Fact]
    public async Task A_fleet_can_turn_heartbeats_off()
    {
        using var cluster = await SeedAsync(new FleetOptions { Heartbeats = new NodeHeartbeatOptions { Enabled = false } });

        cluster.Step();
        cluster.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(cluster.Store.List("coordination.k8s.io/v1", "leases", "kube-node-lease"));
        Assert.Equal(0, cluster.Controllers.HeartbeatWrites);
    }

    private static DateTimeOffset RenewTime(ControlledCluster cluster, string node) =>
        Parse(cluster.Store.Find("coordination.k8s.io/v1", "leases", "kube-node-lease", node)!["spec"]!["renewTime"]!);

    private static IEnumerable<DateTimeOffset> Heartbeats(ControlledCluster cluster, string node) =>
        cluster.Node(node)!["status"]!["conditions"]!.AsArray().Select(c => Parse(c!["lastHeartbeatTime"]!));

    private static DateTimeOffset LastTransition(ControlledCluster cluster, string node) => Parse(Condition(cluster.Node(node)!, "Ready")!["lastTransitionTime"]!);

    private static DateTimeOffset Parse(JsonNode value) =>
        DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
