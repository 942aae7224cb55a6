using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Groups that launch their template's <c>$Latest</c> version, a policy with autoRollback (the default) and a bad AMI. AWS
/// refuses AutoRollback for such a group (IrreversibleInstanceRefresh): the operator starts the refresh without it, says so,
/// and when the AMI fails it cancels the refresh and restores the previous template version instead of asking AWS to roll
/// back. It never changes a group's launch template through UpdateAutoScalingGroup.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class AutoRollbackUnavailableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_Latest_the_refresh_starts_without_AutoRollback_and_a_bad_AMI_is_cancelled_and_its_template_restored()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var cloud = world.Cluster.Cloud;
        foreach (var managed in OperatorInSandbox.ManagedGroups)
        {
            var template = cloud.AutoScaling.DescribeAutoScalingGroups(managed).Single().LaunchTemplate;
            cloud.AutoScaling.UpdateAutoScalingGroup(managed, new LaunchTemplateSpecification(template.LaunchTemplateId, null, LaunchTemplateSpecification.Latest));
        }

        var bad = cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2), bad: true);
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        string? progressing = null;
        try
        {
            await world.RunUntilAsync(
                () => (progressing = world.Condition("windows-default", "Progressing")?["message"]?.GetValue<string>())?.Contains("without AWS auto rollback", StringComparison.Ordinal) == true,
                TimeSpan.FromHours(1),
                "Progressing to say the refresh runs without AWS auto rollback");
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Degraded", "True", "RefreshFailed"), TimeSpan.FromHours(4), "Degraded/RefreshFailed");
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.SelectMany(g => cloud.AutoScaling.DescribeInstanceRefreshes(g)).Any(r => r.Status == InstanceRefreshStatus.Cancelled),
                TimeSpan.FromHours(2),
                "the refresh to end cancelled");
            await world.RunForAsync(TimeSpan.FromHours(3));
        }
        finally
        {
            world.PrintTimeline();
        }

        // 1. One refresh to the bad AMI in all. AWS refused AutoRollback for it; the same refresh was started at once without it.
        var toBad = Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains(bad, StringComparison.Ordinal));
        var ledger = JsonNode.Parse(world.Policy("windows-default")["metadata"]!["annotations"]!["windowsnode.io/ledger"]!.GetValue<string>())!;
        var (id, entry) = ledger["refreshes"]!.AsObject().Single(r => r.Value!["imageId"]!.GetValue<string>() == bad);
        var group = entry!["group"]!.GetValue<string>();
        var refresh = cloud.AutoScaling.DescribeInstanceRefreshes(group).Single(r => r.InstanceRefreshId == id);
        Assert.Contains(id, toBad.Note, StringComparison.Ordinal);
        Assert.False(refresh.Preferences.AutoRollback);
        var starts = world.AwsCalls.Calls.Where(c => c.Action == "StartInstanceRefresh").Take(2).ToList();
        Assert.Equal(["true", "false"], starts.Select(c => c.Parameters["Preferences.AutoRollback"]));
        Assert.All(starts, c => Assert.Equal(group, c.Parameters["AutoScalingGroupName"]));
        Assert.True(starts[1].At - starts[0].At <= TimeSpan.FromSeconds(1), "started again in the same look");

        // 2. Said on the policy: a Warning event, the Progressing message while it ran, and the ledger (for a restarted operator).
        var unavailable = Assert.Single(world.OperatorEvents, e => e.Reason == "AutoRollbackUnavailable" && e.Note.Contains(id, StringComparison.Ordinal));
        Assert.Equal("Warning", unavailable.Type);
        Assert.Contains("$Latest", unavailable.Note, StringComparison.Ordinal);
        Assert.Contains(id, progressing!, StringComparison.Ordinal);
        Assert.Contains("IrreversibleInstanceRefresh", entry["autoRollbackRefused"]!.GetValue<string>(), StringComparison.Ordinal);

        // 3. The AMI failed: held, then the refresh cancelled without asking AWS for a rollback it would refuse, and the template's
        //    $Latest made to launch the previous AMI again. No UpdateAutoScalingGroup, ever.
        Assert.Equal(bad, Assert.Single(ledger["failedAmis"]!.AsArray())!["imageId"]!.GetValue<string>());
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.Action is "RollbackInstanceRefresh" or "UpdateAutoScalingGroup");
        var cancel = Assert.Single(world.AwsCalls.Calls, c => c.Action == "CancelInstanceRefresh");
        Assert.Equal(("false", group), (cancel.Parameters["WaitForTransitioningInstances"], cancel.Parameters["AutoScalingGroupName"]));
        Assert.Equal(InstanceRefreshStatus.Cancelled, refresh.Status);
        var restored = Assert.Single(world.OperatorEvents, e => e.Reason == "LaunchTemplateUpdated" && e.Note.Contains($"of group {group} launches AMI", StringComparison.Ordinal)
            && e.Note.Contains("again", StringComparison.Ordinal));
        Assert.Contains($"AMI {bad} failed", restored.Note, StringComparison.Ordinal);
        Assert.True(restored.Time <= cancel.At + TimeSpan.FromMinutes(1), "the template was restored in the look that cancelled");

        // 4. The groups are whole again, none of their instances on the bad AMI. (A later refresh of the group to its previous
        //    AMI, for the nodes still on older ones, may since have written a numbered version into it, as a successful refresh does.)
        Assert.All(OperatorInSandbox.ManagedGroups.SelectMany(world.Instances), i => Assert.NotEqual(bad, i.ImageId));
        Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Equal(6, world.Nodes(g).Count(FleetFacts.IsReady)));
    }
}
