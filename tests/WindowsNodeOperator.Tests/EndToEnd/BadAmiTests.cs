using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Scenario 5: a published AMI whose instances never become nodes: the launch hook stops it after the first batch.</summary>
[Collection(EndToEndScenarios.Name)]
public sealed class BadAmiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_bad_AMI_fails_and_rolls_back_after_the_first_batch_and_is_never_refreshed_to_again()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var bad = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2), bad: true);
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        try
        {
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Degraded", "True", "RefreshFailed"), TimeSpan.FromHours(4), "Degraded/RefreshFailed");

            // Hours more: the operator must not try that AMI again, in this group or the other.
            await world.RunForAsync(TimeSpan.FromHours(3));
        }
        finally
        {
            world.PrintTimeline();
        }

        var degraded = world.Condition("windows-default", "Degraded")!;
        Assert.Equal("RefreshFailed", degraded["reason"]!.GetValue<string>());
        Assert.Contains(bad, degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshFailed" && e.Type == "Warning" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));

        // One refresh to the bad AMI in all: none in the other group, none again here.
        var toBad = world.OperatorEvents
            .Where(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains(bad, StringComparison.Ordinal) && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal))
            .ToList();
        Assert.Single(toBad);
        var failed = OperatorInSandbox.ManagedGroups
            .SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
            .Single(r => r.Status is InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.Failed);
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, failed.Status);
        Assert.NotNull(failed.RollbackDetails);

        // While it ran, the first batch (one instance within maxUnavailable 1) was the only old node drained. Afterwards the
        // group's own template is the target again, so expired nodes go on being replaced on the previous AMI.
        Assert.Single(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)
            && e.Time >= toBad[0].Time && e.Time < failed.EndTime);
        Assert.All(
            OperatorInSandbox.ManagedGroups.SelectMany(world.Instances),
            i => Assert.NotEqual(bad, i.ImageId));
        Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Equal(6, world.Nodes(g).Count(FleetFacts.IsReady)));
        Assert.Contains("windowsnode-launch completed with ABANDON", string.Join("\n", world.Cluster.Cloud.Timeline().Select(e => e.What)), StringComparison.Ordinal);
    }
}
