using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A Windows node's kubelet stops posting for hours (kubelet, containerd or HNS wedged) while a new AMI rolls out with
/// maxUnavailable 1. The NotReady node takes the whole budget; once past disruption.notReadyReplaceAfter it is replaced
/// first, its drain not waiting for the pods stuck Terminating on it, and the rollout completes.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class NotReadyNodeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task A_node_NotReady_for_hours_is_replaced_first_and_the_rollout_completes_within_the_budget()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        world.Observers.MaxUnavailable = 1;
        // A node running application pods, so some are stuck on it.
        var sick = world.Nodes("eks-windows-a").Select(FleetFacts.Name).Order(StringComparer.Ordinal)
            .First(n => world.Store.List("v1", "pods", "windows-apps", fieldSelector: $"spec.nodeName={n}").Count > 0);
        var sickInstance = FleetFacts.InstanceId(world.Store.Find("v1", "nodes", null, sick)!);
        world.Observers.Broken(sick);
        Assert.True(world.Cluster.Controllers!.StopKubelet(sick));
        var stopped = world.Time.GetUtcNow();

        // 1. Past the node monitor grace period the node is NotReady and unreachable; past the pods' toleration, they are
        //    marked for deletion and stay Terminating.
        await world.RunForAsync(TimeSpan.FromMinutes(6), TimeSpan.FromSeconds(30));
        var node = world.Store.Find("v1", "nodes", null, sick)!;
        Assert.False(FleetFacts.IsReady(node));
        var stuck = world.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={sick}");
        Assert.NotEmpty(stuck);
        Assert.All(stuck, p => Assert.NotNull(p["metadata"]?["deletionTimestamp"]));

        // 2. A soaked AMI: every managed node is drifted.
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        try
        {
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(20), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        // 3. The NotReady node was the first cordoned and the first instance to go, once NotReady for the bound, by a single
        //    TerminateInstanceInAutoScalingGroup; no refresh started before it.
        var events = world.OperatorEvents.Where(e => e.Regarding.StartsWith("Node/", StringComparison.Ordinal) || e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)).ToList();
        var firstCordon = world.OperatorEvents.First(e => e.Reason == "NodeCordoned");
        Assert.Contains(sick, firstCordon.Note, StringComparison.Ordinal);
        Assert.Contains("NotReady", firstCordon.Note, StringComparison.Ordinal);
        var terminate = Assert.Single(world.AwsCalls.Calls, c => c.Action.EndsWith("TerminateInstanceInAutoScalingGroup", StringComparison.Ordinal));
        Assert.Equal(sickInstance, terminate.InstanceId);
        Assert.True(terminate.At >= stopped + Bound, $"terminated {terminate.At - stopped} after the kubelet stopped");
        var firstRefresh = world.AwsCalls.Calls.First(c => c.Action.EndsWith("StartInstanceRefresh", StringComparison.Ordinal));
        Assert.True(firstRefresh.At > terminate.At, "a refresh started before the NotReady node was replaced");
        Assert.Contains(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Note.Contains(sick, StringComparison.Ordinal));
        Assert.Null(world.Store.Find("v1", "nodes", null, sick));

        // 4. The rollout completed: every managed node on the new AMI, Ready and uncordoned; the budget and the observers held.
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var instances = world.Instances(group);
            Assert.Equal(6, instances.Count);
            Assert.All(instances, i => Assert.Equal(ami, i.ImageId));
            Assert.All(world.Nodes(group), n => Assert.True(FleetFacts.IsReady(n) && !FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} not Ready or cordoned"));
        }

        Assert.DoesNotContain(world.Requests.Writes, w => w.IsPodDelete);
        Assert.Equal(1, world.Observers.MaxCordonedSeen);
        Assert.Empty(world.Observers.Violations);
        output.WriteLine($"{events.Count} events; wall time {world.WallTime.TotalSeconds:F1}s");
    }
}
