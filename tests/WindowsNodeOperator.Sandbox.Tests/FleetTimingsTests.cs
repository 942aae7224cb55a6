using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests;

/// <summary>A fleet's timings reach the simulated account and the controllers.</summary>
public sealed class FleetTimingsTests
{
    [Fact]
    public async Task A_replacement_joins_and_runs_its_pods_as_quickly_as_the_fleet_says()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-fast.json"));
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, fleet);
        var old = cluster.Fleet.Instances.First(i => i.GroupName == "eks-windows-a");

        cluster.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(old.InstanceId, shouldDecrementDesiredCapacity: false);

        // shutdown 2 s, then a launch: start 2 s (pending to running), boot 8 s, node deletion grace 5 s; pods start in 3 s.
        for (var second = 0; second < 25; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            cluster.Cloud.Step();
            cluster.Controllers!.Step();
        }

        Assert.Null(cluster.Server.Store.Find("v1", "nodes", null, old.NodeName));
        var members = Assert.Single(cluster.Cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a")).Instances;
        var replacement = Assert.Single(members, m => cluster.Fleet.Instances.All(i => i.InstanceId != m.InstanceId));
        Assert.Contains(
            cluster.Server.Store.List("v1", "nodes"),
            n => n["spec"]!["providerID"]!.GetValue<string>().EndsWith("/" + replacement.InstanceId, StringComparison.Ordinal));
        Assert.All(
            cluster.Server.Store.List("v1", "pods", "windows-apps"),
            p => Assert.Equal("Running", p["status"]!["phase"]!.GetValue<string>()));
    }
}
