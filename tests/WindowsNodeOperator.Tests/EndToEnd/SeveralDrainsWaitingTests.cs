using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Auto Scaling starts a refresh's next batch once the replacements are warm, without waiting for the old instances its
/// termination hook holds: while the budgets hold one drain, more old instances reach Terminating:Wait. The operator drains
/// one node at a time (maxUnavailable 1) and heartbeats every waiting action, so none times out and is terminated undrained.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class SeveralDrainsWaitingTests(ITestOutputHelper output)
{
    private const string Group = "eks-windows-a";

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(2.5);

    /// <summary>A heartbeat goes at the first look after it is due; looks come every 15 s, the harness steps by at most 5 s more.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(25);

    /// <summary>The Node records a heartbeat's time to the second, so the next may go up to 1 s early.</summary>
    private static readonly TimeSpan Rounding = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Old_instances_waiting_at_once_are_each_heartbeated_and_drained_in_turn_none_terminated_by_the_hook_timeout()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        try
        {
            // 1. A drain is held by budgets that allow nothing; Auto Scaling goes on with its next batches. (How many old
            //    instances come to wait with it depends on how far the refresh had got: the drains of nodes without
            //    budgeted pods go through; at least one more always does.)
            var held = await HeldDrains.UntilADrainIsHeldAsync(world);
            var waitingAtOnce = new HashSet<string>(StringComparer.Ordinal);
            await world.RunUntilAsync(
                () =>
                {
                    var waiting = Waiting(world);
                    if (waiting.Count >= 2)
                    {
                        waitingAtOnce.UnionWith(waiting);
                    }

                    return waitingAtOnce.Count >= 2;
                },
                TimeSpan.FromHours(1),
                "two old instances in Terminating:Wait at once");

            // 2. Half an hour more with all of them waiting: one node cordoned (the observers check it at every step), each
            // action heartbeated.
            await world.RunForAsync(TimeSpan.FromMinutes(30));
            var cordoned = world.Nodes(Group).Where(FleetFacts.IsCordoned).Select(FleetFacts.Name).ToList();
            Assert.Equal([held], cordoned);
            Assert.All(Waiting(world), id => Assert.Contains(world.AwsCalls.Calls, c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == id));

            // 3. The budgets relax: the drains go one after another until the refresh has taken every old instance.
            HeldDrains.SetBudgets(world, iisMinAvailable: 3, ordersMaxUnavailable: 1);
            world.Observers.Rebaseline();
            await world.RunUntilAsync(
                () => waitingAtOnce.All(id => world.Cluster.Cloud.Timeline().Any(e => e.Subject == id && e.What == "Terminated")),
                TimeSpan.FromHours(3),
                "every instance that waited drained and terminated");
            world.PrintTimeline();

            // 4. Every one drained by the operator and let go once, none by a timeout of the hook; no gap between heartbeats
            // longer than the interval (the hook's timeout is twice it).
            Assert.DoesNotContain(world.Cluster.Cloud.Timeline(), e => e.What.Contains("windowsnode-drain timed out", StringComparison.Ordinal));
            foreach (var id in waitingAtOnce)
            {
                Assert.Contains(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Note.Contains($"({id})", StringComparison.Ordinal));
                Assert.Single(world.AwsCalls.Calls, c => c.Action == "CompleteLifecycleAction" && c.InstanceId == id);
                var waitFrom = world.Cluster.Cloud.Timeline().Single(e => e.Subject == id && e.What == "Terminating:Wait").Time;
                var completed = world.AwsCalls.Calls.Single(c => c.Action == "CompleteLifecycleAction" && c.InstanceId == id).At;
                var beats = world.AwsCalls.Calls.Where(c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == id).Select(c => c.At).ToList();
                output.WriteLine($"{id}: Terminating:Wait {waitFrom:HH:mm:ss}, completed {completed:HH:mm:ss}, {beats.Count} heartbeats");
                var marks = new[] { waitFrom }.Concat(beats).Append(completed).ToList();
                Assert.All(marks.Zip(marks.Skip(1), (a, b) => b - a), gap => Assert.InRange(gap, TimeSpan.Zero, HeartbeatInterval + Slack));
                Assert.All(beats.Zip(beats.Skip(1), (a, b) => b - a), gap => Assert.True(gap >= HeartbeatInterval - Rounding, $"heartbeats {gap} apart"));
            }
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }

    private static List<string> Waiting(OperatorInSandbox world) =>
        world.Cluster.Cloud.ObserveGroups()
            .Single(g => g.Group.AutoScalingGroupName == Group).Group.Instances
            .Where(i => i.LifecycleState == LifecycleState.TerminatingWait)
            .Select(i => i.InstanceId)
            .ToList();
}
