using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Scenario 3: the sample's window (weekdays 22:00 Europe/Berlin, 6h): nothing starts outside it, the refresh starts as it opens.</summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MaintenanceWindowTests(ITestOutputHelper output)
{
    /// <summary>22:00 in Berlin (CET) on the epoch's Monday.</summary>
    private static readonly DateTimeOffset Opening = new(2026, 11, 23, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Nothing_starts_outside_the_window_and_the_refresh_starts_within_a_second_of_it_opening()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        world.Cluster.Cloud.Calls.Reset();

        await world.ApplyAsync(OperatorInSandbox.SamplePolicy());
        try
        {
            // 1. Nine hours before the window: only looks.
            await world.RunToAsync(Opening.AddSeconds(-1));
            Assert.Equal(Opening.AddSeconds(-1), world.Time.GetUtcNow());
            // Only the termination hook, kept while the policy exists so any termination drains first: nothing is started.
            Assert.Equal(["autoscaling:PutLifecycleHook"], world.MutatingCloudCalls().Keys);
            Assert.All(
                OperatorInSandbox.ManagedGroups,
                g => Assert.Equal(["windowsnode-drain"], world.Cluster.Cloud.AutoScaling.DescribeLifecycleHooks(g).Select(h => h.LifecycleHookName)));
            Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Empty(world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g)));
            Assert.DoesNotContain(world.Requests.Writes, w => w.TouchesCluster);
            Assert.True(world.ConditionIs("windows-default", "Ready", "False", "OutsideMaintenanceWindow"), world.Dump());
            Assert.Equal(Opening, world.Policy("windows-default")["status"]!["nextMaintenanceWindow"]!.GetValue<DateTimeOffset>());
            Assert.Single(world.OperatorEvents, e => e.Reason == "WaitingForMaintenanceWindow" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));

            // 2. The window opens: the refresh starts on the sandbox clock within a second.
            await world.RunUntilAsync(
                () => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(5), "a refresh in the window", TimeSpan.FromSeconds(1));
        }
        finally
        {
            world.PrintTimeline();
        }

        var started = OperatorInSandbox.ManagedGroups
            .SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
            .Select(r => r.StartTime)
            .Min();
        Assert.InRange(started, Opening, Opening.AddSeconds(1));
        Assert.True(world.OperatorEvents.Single(e => e.Reason == "InstanceRefreshStarted" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)).Time <= Opening.AddSeconds(1));
    }
}
