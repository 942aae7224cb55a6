using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Scenario 1: a new EKS-optimized AMI is published and soaked; the sample policy replaces every managed node. On a fleet
/// as EKS seeds it (no DaemonSet on Windows nodes) and on one with the agents teams add (each must run Ready on a new node).
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class NewAmiRolloutTests(ITestOutputHelper output)
{
    public static TheoryData<string> Fleets => new() { "eks-default", "sandbox-fleet-windows-agents.json" };

    [Theory]
    [MemberData(nameof(Fleets))]
    public async Task A_soaked_new_AMI_replaces_every_managed_node_within_the_budget_and_the_policy_ends_Ready(string fleetName)
    {
        var fleet = fleetName == "eks-default" ? new FleetOptions() : FleetFile.Load(RepositoryRoot.Combine("config", fleetName));
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var untouched = OperatorInSandbox.UntouchedGroups.ToDictionary(g => g, g => world.Instances(g).Select(i => i.InstanceId).Order().ToList());
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.RollOutSamplePolicyAsync();

        // Every AWS call of the run is one the shipped IAM policy grants.
        Aws.Iam.IamPolicyTests.AssertGrantedExactly(world.AwsCalls.Calls, everyReadAndWrite: true);

        var now = world.Time.GetUtcNow();
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var instances = world.Instances(group);
            Assert.Equal(6, instances.Count);
            Assert.All(instances, i => Assert.Equal(ami, i.ImageId));
            Assert.All(instances, i => Assert.True(now - i.NetworkInterfaceAttachTime < TimeSpan.FromDays(45), $"{i.InstanceId} is {now - i.NetworkInterfaceAttachTime} old"));
            var nodes = world.Nodes(group);
            Assert.Equal(instances.Select(i => i.InstanceId).Order(), nodes.Select(FleetFacts.InstanceId).Order());
            Assert.All(nodes, n => Assert.True(FleetFacts.IsReady(n) && !FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} not Ready or cordoned"));
            foreach (var daemonSet in fleet.DaemonSets.Where(d => d.Os == NodeOs.Windows))
            {
                Assert.All(nodes, n => Assert.Contains(
                    world.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={FleetFacts.Name(n)}"),
                    p => p["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>() == daemonSet.Name));
            }
        }

        foreach (var (group, before) in untouched)
        {
            Assert.Equal(before, world.Instances(group).Select(i => i.InstanceId).Order().ToList());
        }

        var events = world.OperatorEvents.Where(e => e.Regarding == "WindowsNodePolicy/windows-default").ToList();
        int[] order =
        [
            events.FirstOf("AmiDrift", "NodeExpired"),
            events.FirstOf("LaunchTemplateUpdated"),
            events.FirstOf("InstanceRefreshStarted"),
            events.FirstOf("NodeCordoned"),
            events.FirstOf("NodeDrained"),
            events.FirstOf("InstanceRefreshSucceeded"),
        ];
        Assert.True(order.All(i => i >= 0), $"missing events: {string.Join(", ", order)}\n{world.Dump()}");
        Assert.Equal(order.Order(), order);
        Assert.True(events.LastOf("InstanceRefreshSucceeded") > events.LastOf("NodeDrained"), "the last drain came after the last refresh ended");
        Assert.Equal(12, events.Count(e => e.Reason == "NodeDrained"));
        Assert.Equal(1, world.Observers.MaxCordonedSeen);
        Assert.Empty(world.Observers.Violations);
        output.WriteLine($"wall time {world.WallTime.TotalSeconds:F1}s");
    }
}
