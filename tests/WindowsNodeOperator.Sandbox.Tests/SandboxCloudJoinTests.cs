using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests;

/// <summary>The simulated account and the sandbox cluster as one: instances that leave and join the groups leave and join the cluster.</summary>
public sealed class SandboxCloudJoinTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private SandboxCluster _cluster = null!;

    private ISandboxStore Store => _cluster.Server.Store;

    public async Task InitializeAsync() =>
        _cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = _time }, FleetOptions.WithWindowsAgents());

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public void The_account_holds_every_seeded_instance_in_its_group()
    {
        foreach (var group in _cluster.Options.Groups)
        {
            var described = Assert.Single(_cluster.Cloud.AutoScaling.DescribeAutoScalingGroups(group.Name));
            var seeded = _cluster.Fleet.Instances.Where(i => i.GroupName == group.Name).Select(i => i.InstanceId).Order();
            Assert.Equal(seeded, described.Instances.Select(i => i.InstanceId).Order());
        }
    }

    [Fact]
    public void A_terminated_instance_loses_its_node_and_its_replacement_joins_after_booting()
    {
        var old = _cluster.Fleet.Instances.First(i => i.GroupName == "eks-windows-a");

        _cluster.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(old.InstanceId, shouldDecrementDesiredCapacity: false);
        Run(TimeSpan.FromMinutes(2));

        Assert.Null(Store.Find("v1", "nodes", null, old.NodeName));
        Assert.Empty(Store.List("v1", "pods", fieldSelector: $"spec.nodeName={old.NodeName}"));

        Run(TimeSpan.FromMinutes(5));

        var members = Assert.Single(_cluster.Cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a")).Instances;
        Assert.Equal(6, members.Count);
        var replacement = Assert.Single(members, m => _cluster.Fleet.Instances.All(i => i.InstanceId != m.InstanceId));
        var node = Assert.Single(Store.List("v1", "nodes"), n => n["spec"]!["providerID"]!.GetValue<string>().EndsWith("/" + replacement.InstanceId, StringComparison.Ordinal));
        Assert.Equal("windows", node["metadata"]!["labels"]!["kubernetes.io/os"]!.GetValue<string>());
        var daemons = Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node["metadata"]!["name"]!.GetValue<string>()}");
        Assert.Equal(["fluent-bit-windows", "windows-exporter"], daemons.Select(p => p["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>()).Order());
    }

    // Advances the clock second by second, stepping the account and the cluster as their timers would.
    private void Run(TimeSpan duration)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TimeSpan.FromSeconds(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _cluster.Cloud.Step();
            _cluster.Controllers!.Step();
        }
    }
}
