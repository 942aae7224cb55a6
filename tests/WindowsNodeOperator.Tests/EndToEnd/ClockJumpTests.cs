using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Reconciliation;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The rollout of <see cref="KillPointTests"/> (two groups of expired and drifted nodes, one node down at a time, budgets
/// holding the first drains for half an hour) with the operator's wall clock stepped forward or back, as an NTP step moves
/// it, at chosen moments. Its timers and monotonic time do not move; the sandbox's API server and AWS keep true time.
/// Every row: the <see cref="RolloutFinished"/> invariants, no pod deleted outright, no heartbeat of a lifecycle action
/// later than the hook's timeout. Going back repeats nothing and stalls nothing; going forward skips no wait that AWS or
/// the API server keeps; the waits measured against the wall clock (soak, windows) move with it, as documented.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class ClockJumpTests(ITestOutputHelper output)
{
    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>22:00 in Berlin (CET) on the epoch's Monday, when the sample's window opens.</summary>
    private static readonly DateTimeOffset Opening = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, ClockJump> Jumps = new ClockJump[]
    {
        new("no step (baseline)", TimeSpan.Zero, ClockJumpMoment.Never),
        new("forward 2 h mid-drain", TwoHours, ClockJumpMoment.MidDrain),
        new("back 2 h mid-drain", -TwoHours, ClockJumpMoment.MidDrain),
        new("forward 1 day mid-drain", OneDay, ClockJumpMoment.MidDrain),
        new("back 1 day mid-drain", -OneDay, ClockJumpMoment.MidDrain),
        new("forward 1 day mid-drain, drains forced after 2 h", OneDay, ClockJumpMoment.MidDrain, ForceDrains: true),
        new("back 1 day mid-drain, drains forced after 2 h", -OneDay, ClockJumpMoment.MidDrain, ForceDrains: true),
        new("forward 1 day right after a heartbeat", OneDay, ClockJumpMoment.AfterHeartbeat),
        new("back 1 day right after a heartbeat", -OneDay, ClockJumpMoment.AfterHeartbeat),
        new("forward 1 day mid-soak", OneDay, ClockJumpMoment.MidSoak),
        new("back 1 day mid-soak", -OneDay, ClockJumpMoment.MidSoak),
        new("forward 2 h a minute before the window", TwoHours, ClockJumpMoment.BeforeWindow),
        new("back 2 h inside the window", -TwoHours, ClockJumpMoment.InsideWindow),
    }.ToDictionary(j => j.Name, StringComparer.Ordinal);

    public static TheoryData<string> JumpNames => [.. Jumps.Keys];

    [Theory]
    [MemberData(nameof(JumpNames))]
    public async Task With_the_operators_wall_clock_stepped_the_rollout_converges_with_nothing_done_twice(string jumpName)
    {
        var jump = Jumps[jumpName];
        JumpingClock? clock = null;
        await using var world = await OperatorInSandbox.StartAsync(output, configure: s =>
        {
            // The harness registered its fake clock as the operator's; the jumping one, over it, is registered last and wins.
            var fake = (FakeTimeProvider)s.Last(d => d.ServiceType == typeof(TimeProvider)).ImplementationInstance!;
            s.AddSingleton<TimeProvider>(clock = new JumpingClock(fake));
        });
        Assert.NotNull(clock);
        world.OperatorClockOffset = () => clock.Offset;
        var started = world.Time.GetUtcNow();
        var soaking = jump.At == ClockJumpMoment.MidSoak;
        var published = soaking ? started : started.AddDays(-2);
        var ami = world.Cluster.Cloud.PublishImage(world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", published);
        world.Observers.MaxUnavailable = 1;
        var budgets = new BudgetHold(world, TimeSpan.FromMinutes(30));
        var heartbeats = 0;
        DateTimeOffset? jumpedAt = null;

        bool Tick()
        {
            budgets.Tick();
            var now = world.Time.GetUtcNow();
            var beat = world.AwsCalls.Calls.Count(c => c.Action == "RecordLifecycleActionHeartbeat");
            var due = jump.At switch
            {
                ClockJumpMoment.MidDrain => budgets.HeldFor >= TimeSpan.FromMinutes(10),
                ClockJumpMoment.AfterHeartbeat => budgets.HeldFor >= TimeSpan.FromMinutes(5) && beat > heartbeats,
                ClockJumpMoment.MidSoak => now >= started + TimeSpan.FromHours(12),
                ClockJumpMoment.BeforeWindow => now >= Opening.AddMinutes(-1),
                ClockJumpMoment.InsideWindow => now >= Opening.AddMinutes(30),
                _ => false,
            };
            heartbeats = beat;
            if (due && jumpedAt is null)
            {
                clock.Jump(jump.By);
                jumpedAt = now;
                world.Timeline.Note("test", $"the operator's wall clock stepped by {jump.By}");
            }

            return true;
        }

        try
        {
            var policy = jump.At is ClockJumpMoment.BeforeWindow or ClockJumpMoment.InsideWindow
                ? OperatorInSandbox.SamplePolicy()
                : OperatorInSandbox.SamplePolicyWithoutWindows();
            if (jump.ForceDrains)
            {
                policy = policy.Replace("timeout: 30m\n    onTimeout: Wait", "timeout: 2h\n    onTimeout: Force", StringComparison.Ordinal);
                Assert.Contains("onTimeout: Force", policy, StringComparison.Ordinal);
            }

            await world.ApplyAsync(policy);

            // A moment of the clock is stepped to exactly (a quiet sandbox would otherwise step past it).
            if (jump.At switch
                {
                    ClockJumpMoment.MidSoak => started + TimeSpan.FromHours(12),
                    ClockJumpMoment.BeforeWindow => Opening.AddMinutes(-1),
                    ClockJumpMoment.InsideWindow => Opening.AddMinutes(30),
                    _ => (DateTimeOffset?)null,
                } is { } moment)
            {
                // Lands on the moment itself, where the last tick steps the clock.
                Assert.False(await world.RunUntilOrForAsync(() => !Tick(), moment - world.Time.GetUtcNow()));
            }

            await world.RunUntilAsync(
                () => Tick() && world.ConditionIs("windows-default", "Ready", "True")
                    && OperatorInSandbox.ManagedGroups.All(g => world.Instances(g).All(i => i.ImageId == ami)),
                TimeSpan.FromDays(3),
                $"the rollout with the clock stepped {jump}");

            var done = world.Time.GetUtcNow();
            // The expired nodes do not wait for a new AMI to soak: they go first on the current one.
            var evictions = RolloutFinished.Check(world, ami, refreshesPerGroup: soaking ? 2 : 1);
            Assert.True(jump.At == ClockJumpMoment.Never || jumpedAt is not null, "the clock was never stepped");
            Assert.DoesNotContain(world.Requests.Writes, w => w.IsPodDelete);
            var gap = LongestHeartbeatGap(world);
            Assert.True(gap < LifecycleHooks.DrainTimeout, $"a lifecycle action went {gap} without a heartbeat");

            var firstRefresh = world.OperatorEvents
                .Where(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains($"to AMI {ami} ", StringComparison.Ordinal))
                .Min(e => e.Time);
            AssertTiming(jump, started, jumpedAt, firstRefresh, done - started);
            output.WriteLine($"| {jump} | {(jumpedAt - started)?.ToString(@"hh\:mm\:ss") ?? "-"} | {firstRefresh - started:d\\.hh\\:mm\\:ss} | {done - started:d\\.hh\\:mm\\:ss} | {evictions} | {gap.TotalSeconds:F0} s |");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }

    /// <summary>What each step may and may not change about when the rollout starts and ends.</summary>
    private static void AssertTiming(ClockJump jump, DateTimeOffset started, DateTimeOffset? jumpedAt, DateTimeOffset firstRefresh, TimeSpan took)
    {
        switch (jump.At)
        {
            case ClockJumpMoment.Never or ClockJumpMoment.MidDrain or ClockJumpMoment.AfterHeartbeat:
                // 1. A step during the drains neither stalls them (back) nor cuts a wait short (forward): the rollout
                //    takes what the cloud's pace and the budgets' half-hour hold make it, as without a step.
                Assert.InRange(took, TimeSpan.FromHours(3.5), TimeSpan.FromHours(4));
                break;
            case ClockJumpMoment.MidSoak when jump.By > TimeSpan.Zero:
                // 2. The soak is measured on the wall clock against AWS's publication time: a forward step ends it at the
                //    next look, which the step does not bring forward (the AMI cache's hour bounds an idle operator's wait).
                Assert.InRange(firstRefresh, jumpedAt!.Value, jumpedAt.Value.AddHours(1));
                break;
            case ClockJumpMoment.MidSoak:
                // 3. ...and a backward step lengthens it by the step, no more.
                Assert.InRange(firstRefresh, started + TimeSpan.FromHours(24) - jump.By, started + TimeSpan.FromHours(24) - jump.By + TimeSpan.FromMinutes(10));
                break;
            case ClockJumpMoment.BeforeWindow:
                // 4. The window is read on the wall clock: stepped into it, the operator starts at its next look, the one
                //    due at the true opening a minute on (a step does not wake it), never later.
                Assert.InRange(firstRefresh, jumpedAt!.Value, Opening.AddSeconds(30));
                break;
            case ClockJumpMoment.InsideWindow:
                // 5. The refresh under way when the clock steps out of the window is seen through, no sooner than it would have been.
                Assert.InRange(firstRefresh, Opening, Opening.AddSeconds(1));
                Assert.True(took >= TimeSpan.FromHours(3.5), $"the rollout took {took}");
                break;
        }
    }

    /// <summary>
    /// The longest time, on AWS's clock, a drain hook's lifecycle action went without word from the operator: from its
    /// start (Terminating:Wait) to each heartbeat and to its completion, as the simulated account recorded them.
    /// </summary>
    private static TimeSpan LongestHeartbeatGap(OperatorInSandbox world) =>
        world.Cluster.Cloud.Timeline()
            .Where(e => e.What == "Terminating:Wait" || e.What.StartsWith($"{LifecycleHooks.Drain} ", StringComparison.Ordinal))
            .GroupBy(e => e.Subject)
            .SelectMany(g => g.OrderBy(e => e.Time).Zip(g.OrderBy(e => e.Time).Skip(1), (a, b) => b.Time - a.Time))
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
}
