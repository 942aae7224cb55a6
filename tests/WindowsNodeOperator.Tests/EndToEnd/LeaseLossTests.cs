using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Two operators on one sandbox under one Lease. The leader is cut off from its Lease mid-drain: once its term ends it
/// sends not one eviction, heartbeat or AWS write, and the other operator finishes the drain. The election runs on the
/// wall clock (the client's LeaderElector takes no TimeProvider), so its timings are short and the test steps the
/// sandbox until each side has noticed.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class LeaseLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_leader_that_stops_renewing_its_Lease_makes_no_eviction_heartbeat_or_AWS_write_once_its_term_ends()
    {
        await using var world = await OperatorInSandbox.StartAsync(output, configure: Elect("operator-a"));
        try
        {
            var a = world.Services.GetRequiredService<ILeadership>();
            await StepUntilAsync(world, () => a.IsLeader, "operator-a to lead");
            var b = await world.StartAnotherOperatorAsync(Elect("operator-b"));
            Assert.False(b.IsLeader);

            // 1. A drain under way, held by budgets, driven by operator-a.
            world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 1;
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            await world.RunUntilAsync(() => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(10), "a refresh");
            HeldDrains.SetBudgets(world, iisMinAvailable: 4, ordersMaxUnavailable: 0);
            world.Observers.Rebaseline();
            await world.RunForAsync(TimeSpan.FromMinutes(10));
            Assert.Contains(world.AwsCalls.Calls, c => c.Action == "RecordLifecycleActionHeartbeat");
            Assert.Empty(b.Aws.Calls);

            // 2. operator-a's Lease calls stop getting through; the sandbox keeps moving until its term ends.
            world.Requests.Refuse = r => r.RequestUri!.AbsolutePath.Contains("/leases/", StringComparison.Ordinal);
            await StepUntilAsync(world, () => !a.IsLeader, "operator-a to notice it lost the Lease");
            var k8sWrites = world.Requests.Writes.Count;
            var awsWrites = world.AwsCalls.Calls.Count(c => c.IsWrite);
            var lostAt = world.Time.GetUtcNow();

            // 3. operator-b takes over, the budgets relax, and the drains go on to the end of the refresh, under operator-b.
            // operator-b's controller lists and syncs on the wall clock before the harness can see its work: keep the
            // sandbox clock all but still until it has made its first look.
            await StepUntilAsync(world, () => b.IsLeader && b.Aws.Calls.Count > 0, "operator-b to lead and look");
            HeldDrains.SetBudgets(world, iisMinAvailable: 3, ordersMaxUnavailable: 1);
            world.Observers.Rebaseline();
            await world.RunUntilAsync(
                () => b.Aws.Calls.Any(c => c.Action == "CompleteLifecycleAction") && b.Requests.Writes.Any(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal)),
                TimeSpan.FromHours(2),
                "operator-b evicting and completing lifecycle actions");
            await world.RunForAsync(TimeSpan.FromMinutes(30));
            world.PrintTimeline();

            var lateWrites = world.Requests.Writes.Skip(k8sWrites).ToList();
            var lateAws = world.AwsCalls.Calls.Where(c => c.IsWrite).Skip(awsWrites).ToList();
            output.WriteLine($"operator-a lost its term at {lostAt:HH:mm:ss}; its writes before: {k8sWrites} to Kubernetes, {awsWrites} to AWS; after: {lateWrites.Count}, {lateAws.Count}");
            output.WriteLine($"operator-b: {b.Requests.Writes.Count(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal))} evictions, "
                + $"{b.Aws.Calls.Count(c => c.Action == "RecordLifecycleActionHeartbeat")} heartbeats, {b.Aws.Calls.Count(c => c.IsWrite)} AWS writes");
            Assert.Empty(lateWrites);
            Assert.Empty(lateAws);
            Assert.Contains(b.Aws.Calls, c => c.Action == "RecordLifecycleActionHeartbeat");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }

    private static Action<IServiceCollection> Elect(string identity) => services => services.AddLeaderElection(o =>
    {
        o.LeaseNamespace = "default";
        o.LeaseName = "windows-node-operator";
        o.Identity = identity;
        o.LeaseDuration = TimeSpan.FromSeconds(3);
        o.RenewDeadline = TimeSpan.FromSeconds(2);
        o.RetryPeriod = TimeSpan.FromMilliseconds(250);
    });

    /// <summary>
    /// Settles the sandbox with its clock still (the hooks' timeouts are on it, the election is not) until
    /// <paramref name="done"/>, within a wall-clock limit.
    /// </summary>
    private static async Task StepUntilAsync(OperatorInSandbox world, Func<bool> done, string what)
    {
        var wall = Stopwatch.StartNew();
        while (!done())
        {
            if (wall.Elapsed > WallLimit)
            {
                throw world.Fail($"waiting for {what}: not within {WallLimit} of wall time");
            }

            await world.StepAsync(TimeSpan.Zero);
        }
    }
}
