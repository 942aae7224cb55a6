using WindowsNodeOperator.Sandbox.Calls;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator killed at each step boundary of a rollout, and a new one taking over with nothing but what the first
/// wrote to the cluster and the account. The rollout: two groups of expired and drifted nodes, a soaked new AMI, one
/// node down at a time, and budgets that hold the first drains for half an hour (so drains wait, heartbeat and meet
/// PodDisruptionBudget refusals). The points are the sandbox program's <c>--hold-at</c> vocabulary
/// (<see cref="HoldPoints"/>); the kill is <see cref="KillSwitch"/>: from the matched call on, nothing the first operator
/// sends gets through, and a call killed after its answer took effect without the operator learning it.
/// For every point: the fleet converges; one refresh per group; no node left cordoned; no lifecycle action left to
/// time out; no budget ever broken (the safety observers check every step); no pod evicted twice.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class KillPointTests(ITestOutputHelper output)
{
    /// <summary>
    /// In process, a drain the budgets block is one still heartbeating ten minutes into their hold (the sandbox program's
    /// <c>blocked-drain</c>, an eviction a budget refused, is for a run whose drains meet 429s).
    /// </summary>
    private const string BlockedDrain = "blocked-drain";

    public static TheoryData<string> PointNames => [.. HoldPoints.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PointNames))]
    public async Task Killed_at_this_point_a_new_operator_finishes_the_rollout_with_nothing_done_twice_and_nothing_left_behind(string pointName)
    {
        var point = HoldPoints.Find(pointName)!;
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        var budgets = new BudgetHold(world, TimeSpan.FromMinutes(30));
        if (pointName == BlockedDrain)
        {
            // Ten minutes into the hold, a drain still heartbeating is one the budgets block.
            point = point with
            {
                Description = "with a drain blocked by a PodDisruptionBudget (a heartbeat 10 min into the hold)",
                Matches = c => c.Action == "RecordLifecycleActionHeartbeat" && budgets.HeldFor >= TimeSpan.FromMinutes(10),
            };
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

            output.WriteLine($"| {point.Description} | {killedAt - started:hh\\:mm\\:ss} | {world.Time.GetUtcNow() - started:hh\\:mm\\:ss} | {evictions} | converged |");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }
}
