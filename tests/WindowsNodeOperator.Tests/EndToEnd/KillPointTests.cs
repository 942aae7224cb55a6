using WindowsNodeOperator.Reconciliation;
using LifecycleHooks = WindowsNodeOperator.Reconciliation.LifecycleHooks;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator killed at each step boundary of a rollout, and a new one taking over with nothing but what the first
/// wrote to the cluster and the account. The rollout: two groups of expired and drifted nodes, a soaked new AMI, one
/// node down at a time, and budgets that hold the first drains for half an hour (so drains wait, heartbeat and meet
/// PodDisruptionBudget refusals). The kill is <see cref="KillSwitch"/>: from the matched call on, nothing the first
/// operator sends gets through, and a call killed after its answer took effect without the operator learning it.
/// For every point: the fleet converges; one refresh per group; no node left cordoned; no lifecycle action left to
/// time out; no budget ever broken (the safety observers check every step); no pod evicted twice.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class KillPointTests(ITestOutputHelper output)
{
    private const string BlockedDrain = "with a drain blocked by a PodDisruptionBudget";

    private static readonly Dictionary<string, KillPoint> Points = new KillPoint[]
    {
        new("after CreateLaunchTemplateVersion", AfterAnswer: true, c => c.Action == "CreateLaunchTemplateVersion"),
        new("after StartInstanceRefresh, before the ledger write", AfterAnswer: true, c => c.Action == "StartInstanceRefresh"),
        new("after the ledger write of the refresh", AfterAnswer: true, c => IsPolicyWrite(c) && c.Body!.Contains(PolicyLedger.AnnotationKey, StringComparison.Ordinal)
            && c.Body.Contains("startedAt", StringComparison.Ordinal)),
        new("after a cordon", AfterAnswer: true, c => c.Method == "PATCH" && c.Path.StartsWith("/api/v1/nodes/", StringComparison.Ordinal)
            && c.Body?.Contains("\"unschedulable\":true", StringComparison.Ordinal) == true),
        new("mid-eviction (after the first accepted)", AfterAnswer: true, c => c.Path.EndsWith("/eviction", StringComparison.Ordinal) && c.Status is >= 200 and < 300),
        // The operator evicts only what the budgets allow (it meets no 429): a drain held by them heartbeats its action.
        new(BlockedDrain, AfterAnswer: true, c => c.Action == "RecordLifecycleActionHeartbeat"),
        new("after a lifecycle heartbeat", AfterAnswer: true, c => c.Action == "RecordLifecycleActionHeartbeat"),
        new("before CompleteLifecycleAction of a drain", AfterAnswer: false, c => IsComplete(c, LifecycleHooks.Drain)),
        new("after CompleteLifecycleAction of a drain", AfterAnswer: true, c => IsComplete(c, LifecycleHooks.Drain)),
        new("during a status write", AfterAnswer: false, c => c.Method == "PATCH" && c.Path.EndsWith("/status", StringComparison.Ordinal)
            && c.Body?.Contains("drifted", StringComparison.Ordinal) == true),
        new("during the launch gate (before CONTINUE)", AfterAnswer: false, c => IsComplete(c, LifecycleHooks.Launch)),
        new("after the launch gate's CONTINUE", AfterAnswer: true, c => IsComplete(c, LifecycleHooks.Launch)),
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public static TheoryData<string> PointNames => [.. Points.Keys];

    [Theory]
    [MemberData(nameof(PointNames))]
    public async Task Killed_at_this_point_a_new_operator_finishes_the_rollout_with_nothing_done_twice_and_nothing_left_behind(string pointName)
    {
        var point = Points[pointName];
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        var budgets = new BudgetHold(world, TimeSpan.FromMinutes(30));
        if (pointName == BlockedDrain)
        {
            // Ten minutes into the hold, a drain still heartbeating is one the budgets block.
            var heartbeat = point.Matches;
            point = point with { Matches = c => heartbeat(c) && budgets.HeldFor >= TimeSpan.FromMinutes(10) };
        }

        world.Kill.Arm(point);
        var started = world.Time.GetUtcNow();
        try
        {
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            await world.RunUntilAsync(() => budgets.Tick() && world.Kill.Dead, TimeSpan.FromHours(8), $"the kill point '{point}'");
            var killedAt = world.Time.GetUtcNow();
            output.WriteLine($"killed {world.Kill.KilledAt} at {killedAt:HH:mm:ss}");

            await world.RestartOperatorAsync();
            await world.RunUntilAsync(
                () => budgets.Tick() && world.ConditionIs("windows-default", "Ready", "True")
                    && OperatorInSandbox.ManagedGroups.All(g => world.Instances(g).All(i => i.ImageId == ami)),
                TimeSpan.FromHours(16),
                "the rollout finished by the new operator");

            var evictions = RolloutFinished.Check(world, ami);

            output.WriteLine($"| {point} | {killedAt - started:hh\\:mm\\:ss} | {world.Time.GetUtcNow() - started:hh\\:mm\\:ss} | {evictions} | converged |");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }

    private static bool IsPolicyWrite(KillCall call) =>
        call.Method == "PATCH" && call.Path.Contains("/windowsnodepolicies/", StringComparison.Ordinal) && !call.Path.EndsWith("/status", StringComparison.Ordinal)
        && call.Body is not null;

    private static bool IsComplete(KillCall call, string hook) =>
        call.Action == "CompleteLifecycleAction" && call.Parameters.GetValueOrDefault("LifecycleHookName") == hook;
}
