using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A refresh that fails for something other than its AMI: someone protects an instance from scale in while the operator's
/// refresh runs (ScaleInProtectedInstances Wait). Auto Scaling waits an hour for it, fails and rolls back; the operator
/// reports that cause as Degraded, does not hold the AMI, waits while the protection stays, and refreshes to the same AMI
/// once it is removed.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class ScaleInProtectedTests(ITestOutputHelper output)
{
    private const string Group = "eks-windows-a";

    [Fact]
    public async Task A_refresh_failed_for_a_protected_instance_is_Degraded_with_that_cause_and_the_AMI_is_refreshed_to_once_it_is_released()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        string? held = null;
        DateTimeOffset released = default;
        try
        {
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            await world.RunUntilAsync(
                () => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains($"group {Group} ", StringComparison.Ordinal)),
                TimeSpan.FromMinutes(30),
                $"a refresh of {Group}");

            // 1. While it runs, someone protects the youngest old instance (the refresh would take it last).
            var asg = world.Cluster.Cloud.AutoScaling.DescribeAutoScalingGroups(Group).Single();
            var old = world.Cluster.Cloud.Ec2.DescribeInstances([.. asg.Instances.Where(i => i.LifecycleState == LifecycleState.InService).Select(i => i.InstanceId)])
                .Where(i => i.ImageId != ami)
                .OrderByDescending(i => i.LaunchTime)
                .First();
            held = old.InstanceId;
            world.Cluster.Cloud.AutoScaling.SetInstanceProtection(Group, [held], true);
            world.Timeline.Note("test", $"{held} protected from scale in");

            // 2. Auto Scaling replaces the others, waits an hour for it, fails and rolls back; the operator says why.
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Degraded", "True", "RefreshBlocked"), TimeSpan.FromHours(8), "Degraded/RefreshBlocked");

            // 3. An hour more with the protection in place: no new refresh of the group.
            await world.RunForAsync(TimeSpan.FromHours(1));
            Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains($"group {Group} ", StringComparison.Ordinal)
                && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
            var degraded = world.Condition("windows-default", "Degraded")!;
            Assert.Contains($"protected from scale in: {held}", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("the AMI is not held", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains($"{held}, protected from scale in", world.Condition("windows-default", "Ready")!["message"]!.GetValue<string>(), StringComparison.Ordinal);

            // 4. The protection is removed: the next look refreshes the group to the same AMI, and the fleet gets there.
            world.Cluster.Cloud.AutoScaling.SetInstanceProtection(Group, [held], false);
            released = world.Time.GetUtcNow();
            world.Timeline.Note("test", $"{held} no longer protected");
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(10), "Ready");
        }
        finally
        {
            world.PrintTimeline();
        }

        // AWS's own failure, an hour after it began waiting, named the instance; it was not the operator's rollback.
        var refreshes = world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(Group);
        var first = refreshes[^1];
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, first.Status);
        Assert.Equal($"The instance refresh failed: it waited one hour for instances protected from scale in: {held}.", first.RollbackDetails!.RollbackReason);
        var waited = world.Cluster.Cloud.Timeline().Single(e => e.Subject == $"refresh/{Group}" && e.What.StartsWith("making no progress", StringComparison.Ordinal)).Time;
        Assert.Equal(waited + RefreshEngine.NoProgressTimeout, first.RollbackDetails.RollbackStartTime);
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.Action == "RollbackInstanceRefresh");

        // Reported as not the AMI's fault, and the AMI not held: no AmiFailed, nothing in the ledger.
        Assert.Contains(world.OperatorEvents, e => e.Reason == "InstanceRefreshFailed" && e.Note.Contains("not the AMI (ScaleInProtectedInstances)", StringComparison.Ordinal));
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "AmiFailed");
        var ledger = JsonNode.Parse(world.Policy("windows-default")["metadata"]!["annotations"]!["windowsnode.io/ledger"]!.GetValue<string>())!;
        Assert.Null(ledger["failedAmis"]);

        // Refreshed to the same AMI again once released, and every managed node runs it.
        var again = world.OperatorEvents.Where(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains($"group {Group} ", StringComparison.Ordinal)
            && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, again.Count);
        Assert.True(again[1].Time >= released);
        Assert.Contains($"to AMI {ami} ", again[1].Note, StringComparison.Ordinal);
        Assert.All(OperatorInSandbox.ManagedGroups.SelectMany(world.Instances), i => Assert.Equal(ami, i.ImageId));
        Assert.Equal("False", world.Condition("windows-default", "Degraded")!["status"]!.GetValue<string>());
    }
}
