using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A restart in the middle of a drain: the operator is stopped while a budget holds a node's last pods, and a new one
/// (a new DI container: nothing in memory) takes over. It carries on from the Node's annotations and the instance's
/// lifecycle state: no pod is evicted twice, and the lifecycle action is heartbeated on the same schedule.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class RestartMidDrainTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(2.5);

    /// <summary>A heartbeat goes at the first look after it is due; looks come every 15 s, the harness steps by at most 5 s more.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(25);

    /// <summary>The Node records a heartbeat's time to the second (as Kubernetes timestamps are), so the next may go up to 1 s early.</summary>
    private static readonly TimeSpan Rounding = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_new_operator_resumes_a_drain_from_the_node_and_AWS_evicting_nothing_twice_and_keeping_the_heartbeat_schedule()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        try
        {
            // 1. Budgets that allow nothing: the first drain evicts what it may, then waits with pods left.
            var node = await HeldDrains.UntilADrainIsHeldAsync(world);
            var instance = FleetFacts.InstanceId(world.Store.Find("v1", "nodes", null, node)!);
            Assert.Contains(world.AwsCalls.Calls, c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == instance);
            Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Note.Contains(node, StringComparison.Ordinal));

            // 2. A new operator, then the budgets relax: the drain ends under the new one.
            var restartedAt = world.Time.GetUtcNow();
            await world.RestartOperatorAsync();
            await world.RunForAsync(TimeSpan.FromMinutes(4));
            HeldDrains.SetBudgets(world, iisMinAvailable: 3, ordersMaxUnavailable: 1);
            world.Observers.Rebaseline();
            await world.RunUntilAsync(
                () => world.OperatorEvents.Any(e => e.Reason == "NodeDrained" && e.Note.Contains(node, StringComparison.Ordinal)),
                TimeSpan.FromHours(1),
                $"the drain of {node}");
            world.PrintTimeline();

            // 3. No pod evicted twice, whichever operator evicted it.
            var evictions = world.Requests.Writes.Where(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Status is >= 200 and < 300).ToList();
            Assert.NotEmpty(evictions);
            Assert.All(evictions.GroupBy(e => e.Path), g => Assert.Single(g));

            // 4. The heartbeats of the instance's action kept their schedule across the restart, and the hook never expired.
            var beats = world.AwsCalls.Calls.Where(c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == instance).Select(c => c.At).ToList();
            Assert.Contains(beats, b => b < restartedAt);
            Assert.Contains(beats, b => b > restartedAt);
            var gaps = beats.Zip(beats.Skip(1), (a, b) => b - a).ToList();
            output.WriteLine($"restart at {restartedAt:HH:mm:ss}; heartbeats of {instance} at {string.Join(", ", beats.Select(b => b.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))}");
            output.WriteLine($"evictions accepted: {evictions.Count} ({evictions.Count(e => e.At < restartedAt)} before the restart)");
            Assert.All(gaps, g => Assert.InRange(g, HeartbeatInterval - Rounding, HeartbeatInterval + Slack));
            Assert.DoesNotContain(world.Cluster.Cloud.Timeline(), e => e.What.Contains("windowsnode-drain timed out", StringComparison.Ordinal));
            Assert.Single(world.AwsCalls.Calls, c => c.Action == "CompleteLifecycleAction" && c.InstanceId == instance);

            // 5. No pod cache: every read of pods names one node, but for a blocked budget's look at its namespace's Pending
            //    pods (is it blocked by capacity?).
            var podReads = world.Requests.Reads.Where(r => r.StartsWith("/api/v1/pods", StringComparison.Ordinal) || r.Contains("/pods?", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(podReads);
            Assert.All(podReads, r => Assert.True(
                r.Contains("fieldSelector=spec.nodeName=ip-", StringComparison.Ordinal)
                || (r.StartsWith("/api/v1/namespaces/", StringComparison.Ordinal) && Uri.UnescapeDataString(r).Contains("fieldSelector=status.phase=Pending", StringComparison.Ordinal)),
                r));
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }
}
