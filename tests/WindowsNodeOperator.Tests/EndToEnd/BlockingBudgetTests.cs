using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Scenario 4: once the refresh runs, the workloads' PodDisruptionBudgets are tightened to allow no disruption (as a
/// person scaling their minimum up would). With onTimeout Wait the drain is reported blocked and the node stays; with
/// Force it completes after drain.timeout.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class BlockingBudgetTests(ITestOutputHelper output)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The drain's clock starts as it begins, a few (sandbox) seconds before its cordon lands.</summary>
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task With_onTimeout_Wait_a_budget_allowing_no_disruption_is_reported_DrainBlocked_and_the_node_stays()
    {
        await using var world = await StartBlockedAsync("Wait");
        await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Degraded", "True", "DrainBlocked"), TimeSpan.FromHours(4), "DrainBlocked");
        var blocked = world.OperatorEvents.First(e => e.Reason == "DrainBlocked" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
        var node = blocked.Note.Split(' ')[1];

        // An hour more: still heartbeating in Terminating:Wait, cordoned, its pods evicted by nobody.
        await world.RunForAsync(TimeSpan.FromHours(1));
        world.PrintTimeline();

        Assert.True(world.ConditionIs("windows-default", "Degraded", "True", "DrainBlocked"), world.Dump());
        Assert.Single(world.OperatorEvents, e => e.Reason == "DrainBlocked" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Cluster.Cloud.Timeline(), e => e.What.Contains("windowsnode-drain timed out", StringComparison.Ordinal));
        var message = world.Condition("windows-default", "Degraded")!["message"]!.GetValue<string>();
        Assert.Contains(node, message, StringComparison.Ordinal);
        Assert.Contains("PodDisruptionBudgets", message, StringComparison.Ordinal);
        Assert.Equal("Warning", blocked.Type);
        var cordoned = world.Timeline.Entries.First(e => e.Subject == $"Node/{node}" && e.What == "cordoned").Time;
        Assert.True(blocked.Time - cordoned >= DrainTimeout - Skew, $"blocked after {blocked.Time - cordoned}");
        var stillThere = world.Store.Find("v1", "nodes", null, node);
        Assert.True(stillThere is not null && FleetFacts.IsCordoned(stillThere), world.Dump());
        var instance = world.Cluster.Cloud.AutoScaling.DescribeAutoScalingInstances(FleetFacts.InstanceId(stillThere)).Single();
        Assert.Equal(LifecycleState.TerminatingWait, instance.LifecycleState);
        Assert.DoesNotContain(world.Requests.Writes, w => w.IsPodDelete);
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Note.Contains(node, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_onTimeout_Force_the_drain_completes_after_the_timeout()
    {
        await using var world = await StartBlockedAsync("Force");
        world.Observers.ForceAllowed = true;
        await world.RunUntilAsync(
            () => world.OperatorEvents.Any(e => e.Reason == "NodeDrained" && e.Note.Contains("(Forced", StringComparison.Ordinal)),
            TimeSpan.FromHours(4),
            "a forced drain");
        world.PrintTimeline();

        var drained = world.OperatorEvents.First(e => e.Reason == "NodeDrained" && e.Note.Contains("(Forced", StringComparison.Ordinal));
        var node = drained.Note.Split(' ')[1];
        var cordoned = world.Timeline.Entries.First(e => e.Subject == $"Node/{node}" && e.What == "cordoned").Time;
        Assert.True(drained.Time - cordoned >= DrainTimeout - Skew, $"drained {drained.Time - cordoned} after the cordon");
        Assert.Contains(world.Requests.Writes, w => w.IsPodDelete);

        // Every workload pod left on the node was deleted: gone, or Terminating for its grace period (Force does not wait).
        Assert.All(
            world.Store.List("v1", "pods", "windows-apps").Where(p => p["spec"]?["nodeName"]?.GetValue<string>() == node),
            p => Assert.NotNull(p["metadata"]?["deletionTimestamp"]));
    }

    /// <summary>The sample (no window) with <paramref name="onTimeout"/>; after the refresh starts, every workload budget allows nothing.</summary>
    private async Task<OperatorInSandbox> StartBlockedAsync(string onTimeout)
    {
        var world = await OperatorInSandbox.StartAsync(output);
        try
        {
            world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 1;
            var policy = OperatorInSandbox.SamplePolicyWithoutWindows().Replace("onTimeout: Wait", $"onTimeout: {onTimeout}", StringComparison.Ordinal);
            await world.ApplyAsync(policy);
            await world.RunUntilAsync(() => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(10), "a refresh");

            world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "iis-frontend", SandboxPatchType.Merge,
                JsonNode.Parse("""{"spec":{"minAvailable":4}}""")!);
            world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "orders-api", SandboxPatchType.Merge,
                JsonNode.Parse("""{"spec":{"maxUnavailable":0}}""")!);
            world.Timeline.Note("test", "budgets tightened: iis-frontend minAvailable 4, orders-api maxUnavailable 0");

            // A budget short now (pods evicted before the change still starting) is ours, not the operator's doing.
            world.Observers.Rebaseline();
            return world;
        }
        catch
        {
            world.PrintTimeline();
            await world.DisposeAsync();
            throw;
        }
    }
}
