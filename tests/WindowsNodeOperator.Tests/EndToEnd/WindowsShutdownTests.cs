using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// config/sandbox-fleet-windows-shutdown.json: iis-frontend ignores the stop signal (each pod takes its 60 s grace period),
/// report-renderer hangs in its teardown (Terminating until deleted with grace 0). The drain waits for the slow pods before
/// it lets the instance go; a stuck one holds the node until drain.timeout, then Wait reports it (DrainBlocked naming the
/// pod and why) and Force deletes it with grace 0 and the rollout completes.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class WindowsShutdownTests(ITestOutputHelper output)
{
    private const string Stuck = "report-renderer";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(30);
    /// <summary>iis-frontend's grace period, less the second the API server's deletionTimestamp drops (it keeps whole seconds).</summary>
    private static readonly TimeSpan IisGrace = TimeSpan.FromSeconds(60) - TimeSpan.FromSeconds(1);

    /// <summary>The drain's clock starts as it begins, a few (sandbox) seconds before its cordon lands.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task With_onTimeout_Wait_slow_pods_hold_each_drain_their_grace_period_and_a_stuck_pod_is_reported_DrainBlocked()
    {
        var (world, removals, stuckPod, stuckNode, _) = await StartAsync("Wait");
        await using var w = world;
        using var r = removals;
        await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Degraded", "True", "DrainBlocked"), TimeSpan.FromHours(6), "DrainBlocked");

        // An hour more: the node stays in Terminating:Wait, heartbeated, the stuck pod never deleted by the operator.
        var blockedAt = world.Time.GetUtcNow();
        await world.RunForAsync(TimeSpan.FromHours(1));
        world.PrintTimeline();

        // 1. The report names the stuck pod and why, after drain.timeout.
        var message = world.Condition("windows-default", "Degraded")!["message"]!.GetValue<string>();
        Assert.Contains($"node {stuckNode} ", message, StringComparison.Ordinal);
        Assert.Contains($"windows-apps/{stuckPod} (stuck terminating: its grace period ended at ", message, StringComparison.Ordinal);
        Assert.Contains("its kubelet has not removed it", message, StringComparison.Ordinal);
        var blocked = world.OperatorEvents.First(e => e.Reason == "DrainBlocked" && e.Regarding == $"Node/{stuckNode}");
        var cordoned = world.Timeline.Entries.First(e => e.Subject == $"Node/{stuckNode}" && e.What == "cordoned").Time;
        Assert.True(blocked.Time - cordoned >= DrainTimeout - Skew, $"blocked {blocked.Time - cordoned} after the cordon");

        // 2. Still there, Terminating, its node held and heartbeated; nothing deleted outside the Eviction API.
        Assert.NotNull(world.Store.Find("v1", "pods", "windows-apps", stuckPod)!["metadata"]!["deletionTimestamp"]);
        var instance = FleetFacts.InstanceId(world.Store.Find("v1", "nodes", null, stuckNode)!);
        Assert.Equal(LifecycleState.TerminatingWait, world.Cluster.Cloud.AutoScaling.DescribeAutoScalingInstances(instance).Single().LifecycleState);
        Assert.Contains(world.AwsCalls.Calls, c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == instance && c.At > blockedAt);
        Assert.DoesNotContain(world.Requests.Writes, w => w.IsPodDelete);
        Assert.DoesNotContain(world.Cluster.Cloud.Timeline(), e => e.What.Contains("timed out", StringComparison.Ordinal));

        // 3. Every iis-frontend pod evicted took its whole grace period, and its node's drain completed only after it went.
        var slow = SlowEvictions(world, removals);
        Assert.NotEmpty(slow);
        foreach (var (pod, evictedAt, gone, node) in slow)
        {
            Assert.True(gone - evictedAt >= IisGrace, $"{pod} went {gone - evictedAt} after its eviction");
            var drained = world.OperatorEvents.FirstOrDefault(e => e.Reason == "NodeDrained" && e.Regarding == $"Node/{node}");
            Assert.True(drained is null || drained.Time >= gone, $"{node} drained at {drained?.Time:O}, before {pod} went at {gone:O}");
        }

        Assert.Empty(world.Observers.Violations);
    }

    [Fact]
    public async Task With_onTimeout_Force_the_stuck_pod_is_deleted_with_grace_0_while_its_node_is_there_and_the_rollout_completes()
    {
        var (world, removals, stuckPod, stuckNode, ami) = await StartAsync("Force");
        await using var w = world;
        using var r = removals;
        world.Observers.ForceAllowed = true;
        try
        {
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(20), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        // 1. The stuck pod went by the operator's delete (grace 0) after drain.timeout, its Node still there: not by the pod
        //    garbage collector once the instance and its Node were gone.
        var removal = removals.Of(stuckPod);
        Assert.NotNull(removal);
        Assert.True(removal.Value.NodeThere, $"{stuckPod} was removed only after its node {stuckNode} went");
        Assert.Contains(world.Requests.Writes, w => w.IsPodDelete && w.Path.EndsWith($"/pods/{stuckPod}", StringComparison.Ordinal));
        var drained = world.OperatorEvents.First(e => e.Reason == "NodeDrained" && e.Regarding == $"Node/{stuckNode}");
        Assert.Contains("(Forced)", drained.Note, StringComparison.Ordinal);
        var cordoned = world.Timeline.Entries.First(e => e.Subject == $"Node/{stuckNode}" && e.What == "cordoned").Time;
        Assert.True(drained.Time - cordoned >= DrainTimeout - Skew, $"forced {drained.Time - cordoned} after the cordon");

        // 2. The slow pods were waited for all the same, and the rollout finished with every invariant.
        Assert.All(SlowEvictions(world, removals), s => Assert.True(s.Gone - s.EvictedAt >= IisGrace, $"{s.Pod} went {s.Gone - s.EvictedAt} after its eviction"));
        RolloutFinished.Check(world, ami);
    }

    /// <summary>The evicted iis-frontend pods: when evicted, when gone, and from which node.</summary>
    private static List<(string Pod, DateTimeOffset EvictedAt, DateTimeOffset Gone, string Node)> SlowEvictions(OperatorInSandbox world, PodRemovals removals) =>
        world.Requests.Writes
            .Where(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Path.Contains("/pods/iis-frontend-", StringComparison.Ordinal) && w.Status is >= 200 and < 300)
            .Select(w => (Pod: w.Path.Split('/')[^2], w.At))
            .Select(e => (e.Pod, e.At, Removal: removals.Of(e.Pod)))
            .Where(e => e.Removal is not null)
            .Select(e => (e.Pod, e.At, e.Removal!.Value.At, e.Removal.Value.Node!))
            .ToList();

    /// <summary>The shutdown fleet, a new AMI published and the sample policy (no window) with <paramref name="onTimeout"/>.</summary>
    private async Task<(OperatorInSandbox World, PodRemovals Removals, string StuckPod, string StuckNode, string Ami)> StartAsync(string onTimeout)
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-windows-shutdown.json"));
        var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var removals = new PodRemovals(world.Store, world.Time);
        try
        {
            var stuck = world.Store.List("v1", "pods", "windows-apps", labelSelector: $"app.kubernetes.io/name={Stuck}").Single();
            var stuckNode = stuck["spec"]!["nodeName"]!.GetValue<string>();
            Assert.Contains(world.Nodes("eks-windows-a").Concat(world.Nodes("eks-windows-b")), n => FleetFacts.Name(n) == stuckNode);
            var ami = world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 1;
            var policy = OperatorInSandbox.SamplePolicyWithoutWindows().Replace("onTimeout: Wait", $"onTimeout: {onTimeout}", StringComparison.Ordinal);
            await world.ApplyAsync(policy);
            return (world, removals, FleetFacts.Name(stuck), stuckNode, ami);
        }
        catch
        {
            removals.Dispose();
            await world.DisposeAsync();
            throw;
        }
    }
}
