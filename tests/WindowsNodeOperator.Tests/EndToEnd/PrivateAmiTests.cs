using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// On <c>config/sandbox-fleet-private-ami.json</c> the managed groups still launch an EKS-optimized Windows AMI that EKS has
/// since made private: they cannot scale out, and a rollback to it would launch nothing. Before each group's refresh starts
/// the operator says so (a Warning naming the group and the AMI), starts the refresh without auto rollback, and the rollout
/// onto the new, public AMI completes.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class PrivateAmiTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_group_on_a_private_AMI_is_reported_before_its_refresh_which_starts_without_auto_rollback()
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-private-ami.json"));
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var withdrawn = FleetPlan.MonthlyWindowsAmis[^1];
        Assert.DoesNotContain(world.Cluster.Cloud.Ec2.DescribeImages(), i => i.ImageId == withdrawn);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.RollOutSamplePolicyAsync();

        // 1. Each group reported once, naming it and the AMI, before its refresh started.
        var events = world.OperatorEvents.Where(e => e.Regarding == "WindowsNodePolicy/windows-default").ToList();
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var warning = events.FindIndex(e => e.Reason == "RollbackImageUnavailable" && e.Note.Contains($"group {group} ", StringComparison.Ordinal));
            Assert.True(warning >= 0, $"no RollbackImageUnavailable for {group}");
            Assert.Contains(withdrawn, events[warning].Note, StringComparison.Ordinal);
            Assert.Equal("Warning", events[warning].Type);
            var started = events.FindIndex(e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains($"group {group} ", StringComparison.Ordinal));
            Assert.True(started > warning, $"{group}: the refresh started (event {started}) before the report (event {warning})");
            Assert.Single(events, e => e.Reason == "RollbackImageUnavailable" && e.Note.Contains($"group {group} ", StringComparison.Ordinal));

            // 2. Its refresh ran without auto rollback, which would have returned to an AMI that launches nothing.
            var refresh = Assert.Single(world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(group));
            Assert.False(refresh.Preferences.AutoRollback);
        }

        // 3. The rollout onto the public AMI completed, within every invariant.
        RolloutFinished.Check(world, ami);
        Assert.Equal(1, world.Observers.MaxCordonedSeen);
        output.WriteLine($"wall time {world.WallTime.TotalSeconds:F1}s");
    }
}
