using System.Diagnostics;
using WindowsNodeOperator.Benchmarks.Fleet;
using WindowsNodeOperator.Sandbox.Calls;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator's own `run` process killed with SIGKILL at a step boundary of a rollout, and a fresh process taking over
/// the Lease with nothing but what the first left in the cluster and the account. The sandbox program (small fleet: two
/// groups of three expired and drifted nodes, a workload guarded by a PodDisruptionBudget, its clock 3x real time) holds
/// the world at the named call (<c>--hold-at</c>), so the kill lands exactly there: after the call took effect with its
/// answer never sent, or before it was applied. Then everything is checked over the wire (<see cref="WireRolloutFinished"/>).
/// All twelve points of <see cref="HoldPoints"/> run here, as they do in-process (on the fake clock) in <see cref="KillPointTests"/>.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class SeparateProcessKillTests(ITestOutputHelper output)
{
    private const int Replaced = 6;
    private static readonly TimeSpan HoldWithin = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ReplaceWithin = TimeSpan.FromMinutes(4);

    public static TheoryData<string> Points => [.. HoldPoints.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Run_killed_at_this_step_is_succeeded_by_a_fresh_process_that_finishes_with_nothing_done_twice_and_nothing_left_behind(string point)
    {
        Assert.NotNull(HoldPoints.Find(point));
        var clock = Stopwatch.StartNew();
        using var world = await SandboxProcesses.StartAsync("sandbox-fleet-small.json", "--speed", "3", "--print-writes", "--hold-at", point);
        ChildProcess? second = null;
        string? killed = null;
        try
        {
            var first = world.StartRun();
            await world.Sandbox.WaitForLineAsync($"held: {point}", HoldWithin);
            var heldAt = clock.Elapsed;
            killed = first.Output;
            world.Kill(first);

            second = world.StartRun();
            await world.WaitReplacedAsync(Replaced, ReplaceWithin);
            var (accepted, refused) = await WireRolloutFinished.CheckAsync(world, Replaced);

            output.WriteLine("| kill point | held after | converged after | evictions (refused) | outcome |");
            output.WriteLine($"| {HoldPoints.Find(point)!.Description} (`{point}`) | {heldAt.TotalSeconds:0} s | {clock.Elapsed.TotalSeconds:0} s | {accepted} ({refused}) | converged |");
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + world.Sandbox.Output);
            output.WriteLine("--- first run (killed)\n" + killed);
            output.WriteLine("--- second run\n" + second?.Output);
        }
    }
}
