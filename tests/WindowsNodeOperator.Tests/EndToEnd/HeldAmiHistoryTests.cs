using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A held AMI outlives AWS's memory of why: DescribeInstanceRefreshes (and the scaling activities) go back six weeks only.
/// Seven weeks after a bad AMI was rolled back, and with a new operator process, the AMI (still the latest) stays held,
/// from the policy's ledger alone.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class HeldAmiHistoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_failed_AMI_stays_held_after_its_refresh_has_left_the_six_weeks_of_history_and_across_a_restart()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var bad = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2), bad: true);
        world.Observers.MaxUnavailable = 1;
        var failedRefresh = string.Empty;
        try
        {
            // A year of maxNodeAge: seven weeks on, no node expires, so only the AMI could make work.
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows().Replace("maxNodeAge: 45d", "maxNodeAge: 365d", StringComparison.Ordinal));
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
                    .Any(r => r.Status == InstanceRefreshStatus.RollbackSuccessful),
                TimeSpan.FromHours(4),
                "the bad AMI's refresh rolled back");
            failedRefresh = OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
                .Single(r => r.Status == InstanceRefreshStatus.RollbackSuccessful).InstanceRefreshId;
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Progressing", "False"), TimeSpan.FromHours(6), "the fleet at rest");

            // Seven weeks later, a new operator process.
            await world.StepAsync(TimeSpan.FromDays(49));
            await world.RestartOperatorAsync();
            await world.RunForAsync(TimeSpan.FromHours(3));
        }
        finally
        {
            world.PrintTimeline();
        }

        // AWS no longer describes the failed refresh, nor the launches it abandoned.
        Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.DoesNotContain(
            world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g), r => r.InstanceRefreshId == failedRefresh));
        Assert.DoesNotContain(
            OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeScalingActivities(g)),
            a => a.StatusCode == "Cancelled");

        // The AMI, still the latest, is still held: one refresh to it ever, Degraded naming it, the ledger keeping it.
        Assert.Equal(bad, world.Policy("windows-default")["status"]!["latestAmiId"]!.GetValue<string>());
        Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains(bad, StringComparison.Ordinal)
            && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
        var degraded = world.Condition("windows-default", "Degraded")!;
        Assert.Equal("RefreshFailed", degraded["reason"]!.GetValue<string>());
        Assert.Contains($"AMI {bad} is held", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var ledger = JsonNode.Parse(world.Policy("windows-default")["metadata"]!["annotations"]!["windowsnode.io/ledger"]!.GetValue<string>())!;
        var held = Assert.Single(ledger["failedAmis"]!.AsArray())!;
        Assert.Equal((bad, failedRefresh), (held["imageId"]!.GetValue<string>(), held["refreshId"]!.GetValue<string>()));
        Assert.All(OperatorInSandbox.ManagedGroups.SelectMany(world.Instances), i => Assert.NotEqual(bad, i.ImageId));
    }
}
