using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// config/sandbox-fleet-tight-capacity.json: four m5.xlarge Windows nodes of 14 pods each, 44 of the 48 places left by the
/// DaemonSets taken. A drained node's pods do not fit elsewhere: their replacements stay Pending (FailedScheduling, Too many
/// pods) and the budgets stop the drain, which the operator reports as blocked by capacity until the refresh's replacement
/// node joins. With refresh.maxHealthyPercentage 150 (and minHealthyPercentage 100) the new nodes come first and nothing
/// is ever short of room.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class TightCapacityTests(ITestOutputHelper output)
{
    private const string Group = "eks-windows-a";

    [Fact]
    public async Task A_drain_whose_pods_cannot_fit_elsewhere_is_reported_blocked_by_capacity_until_capacity_comes()
    {
        await using var world = await StartAsync(output);
        var ami = Publish(world);
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows().Replace("timeout: 30m", "timeout: 2m", StringComparison.Ordinal));
        try
        {
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Degraded", "True", "DrainBlocked"), TimeSpan.FromHours(2), "DrainBlocked", TimeSpan.FromSeconds(30));

            // 1. What the user sees: the drain blocked by capacity, in the scheduler's words, and the pods it names Pending.
            var message = world.Condition("windows-default", "Degraded")!["message"]!.GetValue<string>();
            Assert.Contains("(blocked by capacity: PodDisruptionBudget ", message, StringComparison.Ordinal);
            Assert.Contains("Too many pods", message, StringComparison.Ordinal);
            Assert.Contains("set refresh.maxHealthyPercentage above 100", message, StringComparison.Ordinal);
            Assert.Contains(world.OperatorEvents, e => e.Reason == "DrainBlocked" && e.Note.Contains("blocked by capacity", StringComparison.Ordinal));
            Assert.NotEmpty(TooManyPods(world));

            // 2. The refresh's replacement node joins, the Pending pods land there and the drain goes on by itself: the
            //    rollout completes.
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(12), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        await AssertRolledOutAsync(world, ami);
    }

    [Fact]
    public async Task With_maxHealthyPercentage_150_replacements_launch_first_and_no_pod_is_short_of_room()
    {
        await using var world = await StartAsync(output);
        var ami = Publish(world);
        var policy = OperatorInSandbox.SamplePolicyWithoutWindows()
            .Replace("  refresh:\n", "  refresh:\n    minHealthyPercentage: 100\n    maxHealthyPercentage: 150\n", StringComparison.Ordinal);
        Assert.Contains("maxHealthyPercentage: 150", policy, StringComparison.Ordinal);
        await world.ApplyAsync(policy);
        try
        {
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(12), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        // New instances launched before old ones were taken: the group went above its desired 4, and never a pod lacked room.
        Assert.Contains(world.Cluster.Cloud.Timeline(), e => e.What.Contains("launching 2 first", StringComparison.Ordinal));
        Assert.Empty(TooManyPods(world));
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "DrainBlocked");
        await AssertRolledOutAsync(world, ami);
    }

    private static async Task<OperatorInSandbox> StartAsync(ITestOutputHelper output)
    {
        var world = await OperatorInSandbox.StartAsync(output, fleet: FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-tight-capacity.json")));
        world.Observers.MaxUnavailable = 1;
        return world;
    }

    private static string Publish(OperatorInSandbox world) =>
        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));

    private static int Running(OperatorInSandbox world) =>
        world.Store.List("v1", "pods", "windows-apps").Count(p => p["status"]?["phase"]?.GetValue<string>() == "Running" && p["metadata"]?["deletionTimestamp"] is null);

    /// <summary>The scheduler's FailedScheduling events for lack of pod room in the workloads' namespace.</summary>
    private static List<JsonObject> TooManyPods(OperatorInSandbox world) =>
        world.Store.List("v1", "events", "windows-apps")
            .Where(e => e["reason"]?.GetValue<string>() == "FailedScheduling" && e["message"]!.GetValue<string>().Contains("Too many pods", StringComparison.Ordinal))
            .ToList();

    private static async Task AssertRolledOutAsync(OperatorInSandbox world, string ami)
    {
        // The last node's evicted pods are still starting when the policy turns Ready; every one of the 44 starts.
        await world.RunUntilAsync(() => Running(world) == 44, TimeSpan.FromMinutes(15), "every workload pod Running");

        var instances = world.Instances(Group);
        Assert.Equal(4, instances.Count);
        Assert.All(instances, i => Assert.Equal(ami, i.ImageId));
        Assert.All(world.Nodes(Group), n => Assert.True(FleetFacts.IsReady(n) && !FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} not Ready or cordoned"));
        Assert.DoesNotContain(world.Requests.Writes, w => w.IsPodDelete);
        Assert.Empty(world.Observers.Violations);
    }
}
