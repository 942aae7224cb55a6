using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Scenario 5: a published AMI whose instances never become nodes. Auto Scaling abandons each (the launch hook's
/// launchTimeout), replaces it and would go on retrying for an hour; the operator rolls the refresh back itself once
/// refresh.maxFailedLaunches new instances never became Ready nodes, and holds the AMI.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class BadAmiTests(ITestOutputHelper output)
{
    private static readonly TimeSpan LaunchTimeout = TimeSpan.FromMinutes(30);
    private const int MaxFailedLaunches = 2;

    [Fact]
    public async Task A_bad_AMI_is_rolled_back_by_the_operator_within_its_bound_held_and_never_refreshed_to_again()
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
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
                    .Any(r => r.Status is InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.RollbackFailed or InstanceRefreshStatus.Failed),
                TimeSpan.FromHours(2),
                "the rollback to end");

            // Hours more: the operator must not try that AMI again, in this group or the other.
            await world.RunForAsync(TimeSpan.FromHours(3));
        }
        finally
        {
            world.PrintTimeline();
        }

        // Every AWS call of the run is one the shipped IAM policy grants.
        Aws.Iam.IamPolicyTests.AssertGrantedExactly(world.AwsCalls.Calls, everyReadAndWrite: false);

        // 1. One refresh to the bad AMI in all: none in the other group, none again here.
        var toBad = world.OperatorEvents
            .Where(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains(bad, StringComparison.Ordinal) && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal))
            .ToList();
        var started = Assert.Single(toBad).Time;
        var refresh = OperatorInSandbox.ManagedGroups
            .SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
            .Single(r => r.Status is InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.Failed);
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, refresh.Status);

        // 2. Auto Scaling abandoned each new instance after launchTimeout and launched another: it did not fail the refresh.
        var cloud = world.Cluster.Cloud.Timeline();
        var abandoned = cloud.Where(e => e.What.StartsWith("launch abandoned", StringComparison.Ordinal)).Select(e => e.Time).ToList();
        Assert.Equal(MaxFailedLaunches, abandoned.Count);
        Assert.Contains("windowsnode-launch completed with ABANDON", string.Join("\n", cloud.Select(e => e.What)), StringComparison.Ordinal);

        // 3. The operator rolled it back itself, within its bound: maxFailedLaunches launch timeouts after the refresh began,
        //    plus Auto Scaling's retry delays and a poll. It was not Auto Scaling's own failure an hour after the first
        //    abandoned launch that ended it.
        var rollback = Assert.Single(world.AwsCalls.Calls, c => c.Action == "RollbackInstanceRefresh");
        var bound = MaxFailedLaunches * LaunchTimeout + TimeSpan.FromMinutes(5);
        Assert.True(rollback.At - started <= bound, $"rolled back {rollback.At - started} after the start, beyond {bound}");
        Assert.True(rollback.At < abandoned[0] + RefreshEngine.NoProgressTimeout, "Auto Scaling's one-hour failure came first");
        Assert.NotNull(refresh.RollbackDetails);
        Assert.Equal("The rollback was started by a RollbackInstanceRefresh request.", refresh.RollbackDetails.RollbackReason);
        Assert.Equal(rollback.At, refresh.RollbackDetails.RollbackStartTime);
        output.WriteLine($"refresh started {started:HH:mm:ss}, launches abandoned {string.Join(", ", abandoned.Select(a => a.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))}, "
            + $"rolled back {rollback.At:HH:mm:ss} ({rollback.At - started} after the start)");

        // 4. The AMI is held with the evidence: an event, the Degraded condition and the ledger, before the rollback.
        var failed = Assert.Single(world.OperatorEvents, e => e.Reason == "AmiFailed" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
        Assert.Equal("Warning", failed.Type);
        Assert.Contains(bad, failed.Note, StringComparison.Ordinal);
        Assert.Contains($"{MaxFailedLaunches} new instance(s) never became Ready nodes", failed.Note, StringComparison.Ordinal);
        Assert.True(failed.Time <= rollback.At);
        var degraded = world.Condition("windows-default", "Degraded")!;
        Assert.Equal("RefreshFailed", degraded["reason"]!.GetValue<string>());
        Assert.Contains($"AMI {bad} is held", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"{MaxFailedLaunches} new instance(s) never became Ready nodes", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var ledger = JsonNode.Parse(world.Policy("windows-default")["metadata"]!["annotations"]!["windowsnode.io/ledger"]!.GetValue<string>())!;
        Assert.Equal(bad, Assert.Single(ledger["failedAmis"]!.AsArray())!["imageId"]!.GetValue<string>());
        Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshFailed" && e.Type == "Warning" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));

        // 5. While it ran, the first batch (one instance within maxUnavailable 1) was the only old node drained. Afterwards the
        //    group's own template is the target again, so expired nodes go on being replaced on the previous AMI.
        Assert.Single(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)
            && e.Time >= started && e.Time < refresh.EndTime);
        Assert.All(
            OperatorInSandbox.ManagedGroups.SelectMany(world.Instances),
            i => Assert.NotEqual(bad, i.ImageId));
        Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Equal(6, world.Nodes(g).Count(FleetFacts.IsReady)));
    }
}
