using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// On <c>config/sandbox-fleet-terraform.json</c>: groups built by Terraform (no eksctl or EKS node group label on any node),
/// in us-east-1 with resource-based hostnames (<c>i-0123456789abcdef0.ec2.internal</c>). The operator maps nodes to
/// instances by providerID alone, so the rollout completes as on the default fleet.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class TerraformFleetRolloutTests(ITestOutputHelper output)
{
    private static readonly string[] GroupLabels = ["alpha.eksctl.io/nodegroup-name", "eks.amazonaws.com/nodegroup"];

    [Fact]
    public async Task Nodes_named_after_their_instances_without_group_labels_are_all_replaced()
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-terraform.json"));
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        var before = world.Store.List("v1", "nodes");
        Assert.All(before, n => Assert.Matches(@"^i-[0-9a-f]{17}\.ec2\.internal$", FleetFacts.Name(n)));
        Assert.All(before, n => Assert.DoesNotContain(n["metadata"]!["labels"]!.AsObject(), l => GroupLabels.Contains(l.Key)));
        var untouched = OperatorInSandbox.UntouchedGroups.ToDictionary(g => g, g => world.Instances(g).Select(i => i.InstanceId).Order().ToList());

        await world.RollOutSamplePolicyAsync();

        // 1. The rollout's invariants, its groups' nodes found by providerID.
        RolloutFinished.Check(world, ami);
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var nodes = world.Nodes(group);
            Assert.Equal(6, nodes.Count);
            Assert.All(nodes, n => Assert.Equal($"{FleetFacts.InstanceId(n)}.ec2.internal", FleetFacts.Name(n)));
            Assert.All(nodes, n => Assert.DoesNotContain(n["metadata"]!["labels"]!.AsObject(), l => GroupLabels.Contains(l.Key)));
        }

        // 2. The groups outside the policy kept their instances; every old node was drained, one at a time.
        foreach (var (group, instances) in untouched)
        {
            Assert.Equal(instances, world.Instances(group).Select(i => i.InstanceId).Order().ToList());
        }

        var events = world.OperatorEvents.Where(e => e.Regarding == "WindowsNodePolicy/windows-default").ToList();
        Assert.Equal(12, events.Count(e => e.Reason == "NodeDrained"));
        Assert.All(events.Where(e => e.Reason == "NodeDrained"), e => Assert.Matches(@"node i-[0-9a-f]{17}\.ec2\.internal \(i-[0-9a-f]{17}\)", e.Note));
        Assert.Equal(1, world.Observers.MaxCordonedSeen);
        output.WriteLine($"wall time {world.WallTime.TotalSeconds:F1}s");
    }
}
