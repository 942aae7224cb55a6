using WindowsNodeOperator.Benchmarks.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator and the sandbox as two programs, as in production: the sandbox program serves a cluster and an AWS
/// account (the fast fleet, real time), and the operator's own `run` reaches them through a kubeconfig and the AWS
/// endpoint settings the sandbox writes, with leader election on, over real sockets.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class SeparateProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReplaceWithin = TimeSpan.FromMinutes(8);

    private const string CountRefreshes = """
        import boto3
        client = boto3.client("autoscaling")
        for group in ("eks-windows-a", "eks-windows-b"):
            refreshes = client.describe_instance_refreshes(AutoScalingGroupName=group)["InstanceRefreshes"]
            print(group, len(refreshes), ",".join(r["Status"] for r in refreshes))
        """;

    [Fact]
    public async Task The_operators_run_replaces_the_fleet_of_a_sandbox_in_another_process()
    {
        using var world = await SandboxProcesses.StartAsync("sandbox-fleet-fast.json");
        ChildProcess? run = null;
        try
        {
            run = world.StartRun();
            await run.WaitForLineAsync("Started leading", SandboxProcesses.StartWithin);

            await world.WaitReplacedAsync(12, ReplaceWithin);
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + world.Sandbox.Output);
            output.WriteLine("--- run\n" + run?.Output);
        }
    }

    /// <summary>
    /// The operator's process killed with SIGKILL in the middle of a drain (right after it logs its first eviction), and a
    /// second process taking over the Lease and finishing: every node replaced, none left cordoned, one refresh per group
    /// (boto3 asks the sandbox's account).
    /// </summary>
    [Fact]
    public async Task The_operators_run_killed_mid_drain_is_succeeded_by_another_process_that_finishes_with_one_refresh_per_group()
    {
        using var world = await SandboxProcesses.StartAsync("sandbox-fleet-fast.json");
        ChildProcess? second = null;
        string? killedOutput = null;
        try
        {
            var first = world.StartRun();
            await first.WaitForLineAsync("Evicted pod", ReplaceWithin);
            killedOutput = first.Output;
            world.Kill(first);

            second = world.StartRun();
            await second.WaitForLineAsync("Started leading", SandboxProcesses.StartWithin);
            await world.WaitReplacedAsync(12, ReplaceWithin);
            await world.AssertNoneCordonedAsync();

            Assert.Equal(["eks-windows-a 1 Successful", "eks-windows-b 1 Successful"], await world.Boto3Async(CountRefreshes));
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + world.Sandbox.Output);
            output.WriteLine("--- first run (killed)\n" + killedOutput);
            output.WriteLine("--- second run\n" + second?.Output);
        }
    }
}
