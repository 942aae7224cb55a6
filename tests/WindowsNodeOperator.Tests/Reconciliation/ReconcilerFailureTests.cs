using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>
/// Refreshes that fail: the operator's own rollback when new instances never become Ready nodes (the AMI held, durably),
/// and refreshes AWS failed for something else (reported, the AMI not held).
/// </summary>
public sealed class ReconcilerFailureTests
{
    private const string Bad1 = "i-0bad00000001";
    private const string Bad2 = "i-0bad00000002";

    /// <summary>A policy whose one drifted node has the operator start refresh-1 to the new AMI, then half an hour later.</summary>
    private static async Task<ReconcilerWorld> RefreshingAsync()
    {
        var world = new ReconcilerWorld();
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        world.AddNode("n2", TimeSpan.FromDays(6), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        world.Time.Advance(TimeSpan.FromMinutes(35));
        return world;
    }

    [Fact]
    public async Task One_abandoned_launch_below_the_bound_lets_the_refresh_go_on()
    {
        var world = await RefreshingAsync();
        world.AbandonedLaunch(Bad1);

        await world.ReconcileAsync();

        Assert.DoesNotContain(world.Calls, c => c.StartsWith("RollbackInstanceRefresh", StringComparison.Ordinal));
        Assert.Null(PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmis);
        Assert.Equal("False", world.Condition(WindowsNodePolicyConditions.Degraded).Status);
    }

    [Fact]
    public async Task New_instances_that_never_became_nodes_hold_the_AMI_first_then_roll_the_refresh_back()
    {
        var world = await RefreshingAsync();
        world.AbandonedLaunch(Bad1);
        world.AbandonedLaunch(Bad2);
        bool? heldWhenRolledBack = null;
        world.AutoScaling.Setup(a => a.RollbackInstanceRefreshAsync(ReconcilerWorld.Group, It.IsAny<CancellationToken>()))
            .Callback(() => heldWhenRolledBack = PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmi(ReconcilerWorld.NewAmi) is not null)
            .ReturnsAsync(RefreshRollback.RollingBack("refresh-1"));

        await world.ReconcileAsync();

        Assert.True(heldWhenRolledBack);
        var held = PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmi(ReconcilerWorld.NewAmi)!;
        Assert.Equal((ReconcilerWorld.Group, "refresh-1"), (held.Group, held.RefreshId));
        Assert.Equal($"2 new instance(s) never became Ready nodes within refresh.launchTimeout 30m ({Bad1}, {Bad2})", held.Reason);
        var failed = Assert.Single(world.Recorded, e => e.Reason == EventReasons.AmiFailed);
        Assert.Equal("Warning", failed.Type);
        Assert.Contains(held.Reason, failed.Note, StringComparison.Ordinal);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal((DegradedReasons.RefreshFailed, "True"), (degraded.Reason, degraded.Status));
        Assert.Contains($"AMI {ReconcilerWorld.NewAmi} is held", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("2 new instance(s) never became Ready nodes", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_between_the_hold_and_the_rollback_rolls_back_on_the_next_look_and_tells_once()
    {
        var world = await RefreshingAsync();
        world.AbandonedLaunch(Bad1);
        world.AbandonedLaunch(Bad2);
        world.AutoScaling.SetupSequence(a => a.RollbackInstanceRefreshAsync(ReconcilerWorld.Group, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("connection reset"))
            .ReturnsAsync(RefreshRollback.RollingBack("refresh-1"));

        await Assert.ThrowsAsync<HttpRequestException>(world.ReconcileAsync);
        world.NewOperator();
        await world.ReconcileAsync();

        world.AutoScaling.Verify(a => a.RollbackInstanceRefreshAsync(ReconcilerWorld.Group, It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Single(world.Recorded, e => e.Reason == EventReasons.AmiFailed);
        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");
    }

    [Fact]
    public async Task Where_AWS_refuses_the_rollback_the_refresh_is_cancelled_and_a_latest_template_launches_the_previous_AMI_again()
    {
        var world = new ReconcilerWorld();
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with { LaunchTemplate = new LaunchTemplateRef("lt-1", "win", LaunchTemplateRef.Latest) };
        world.Templates.Setup(t => t.GetImageIdAsync(It.IsAny<LaunchTemplateRef>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((LaunchTemplateRef t, CancellationToken _) =>
            {
                var version = t.Version == LaunchTemplateRef.Latest
                    ? world.TemplateImages.Keys.Where(k => k.Item1 == t.Id).Max(k => int.Parse(k.Item2, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : t.Version;
                return new LaunchTemplateImage(t with { Version = version }, world.TemplateImages[(t.Id!, version)]);
            });
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.InProgress);
        world.Time.Advance(TimeSpan.FromMinutes(35));
        world.AbandonedLaunch(Bad1);
        world.AbandonedLaunch(Bad2);
        world.RollbackRefused = true;

        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.Cancelled);
        await world.ReconcileAsync();

        world.AutoScaling.Verify(a => a.CancelInstanceRefreshAsync(ReconcilerWorld.Group, false, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(["CreateLaunchTemplateVersion:ami-new", "CreateLaunchTemplateVersion:ami-old"], world.Calls.Where(c => c.StartsWith("CreateLaunchTemplateVersion", StringComparison.Ordinal)));
        Assert.Equal(ReconcilerWorld.OldAmi, world.TemplateImages[("lt-1", "3")]);
        Assert.NotNull(PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmi(ReconcilerWorld.NewAmi));
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.LaunchTemplateUpdated && e.Note.Contains("launches AMI ami-old again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refresh_AWS_failed_after_its_new_instances_never_became_nodes_holds_the_AMI()
    {
        var world = await RefreshingAsync();
        world.AbandonedLaunch(Bad1);
        world.Refreshes[0] = world.Refreshes[0] with
        {
            Status = InstanceRefreshStatus.Failed, StatusReason = "replacement instances did not pass health checks", EndTime = world.Time.GetUtcNow(),
        };

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        var held = PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmi(ReconcilerWorld.NewAmi)!;
        Assert.StartsWith($"1 new instance(s) never became Ready nodes ({Bad1})", held.Reason, StringComparison.Ordinal);
        Assert.Equal(DegradedReasons.RefreshFailed, world.Condition(WindowsNodePolicyConditions.Degraded).Reason);
        var failed = Assert.Single(world.Recorded, e => e.Reason == EventReasons.InstanceRefreshFailed);
        Assert.EndsWith("; the AMI is held", failed.Note, StringComparison.Ordinal);
        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");
    }

    [Fact]
    public async Task A_refresh_AWS_failed_for_a_protected_instance_is_reported_with_that_cause_and_the_AMI_is_tried_again_once_released()
    {
        var world = await RefreshingAsync();
        var instance = world.Records.Keys.First();
        world.SetState(instance, "InService", protectedFromScaleIn: true);
        var reason = $"The instance refresh failed: it waited one hour for instances protected from scale in: {instance}.";
        world.Refreshes[0] = world.Refreshes[0] with
        {
            Status = InstanceRefreshStatus.RollbackSuccessful,
            StatusReason = reason,
            EndTime = world.Time.GetUtcNow(),
            Rollback = new InstanceRefreshRollback(reason, world.Time.GetUtcNow(), 100, 0),
        };

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        var ledger = PolicyLedger.Read(world.Policy.Metadata.Annotations);
        Assert.Null(ledger.FailedAmis);
        Assert.Equal("ScaleInProtectedInstances", ledger.Refreshes["refresh-1"].Cause);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.RefreshBlocked, degraded.Reason);
        Assert.Contains(instance, degraded.Message, StringComparison.Ordinal);
        Assert.Contains("the AMI is not held", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("protected from scale in", world.Condition(WindowsNodePolicyConditions.Ready).Message, StringComparison.Ordinal);
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.InstanceRefreshFailed && e.Note.Contains("not the AMI (ScaleInProtectedInstances)", StringComparison.Ordinal));
        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");

        // The protection is lifted: the same AMI is refreshed to again.
        world.SetState(instance, "InService");
        await world.ReconcileAsync();
        await world.ReconcileAsync();

        Assert.Equal(2, world.Calls.Count(c => c == "StartInstanceRefresh"));
        Assert.Equal("False", world.Condition(WindowsNodePolicyConditions.Degraded).Status);
    }

    [Fact]
    public async Task A_refresh_AWS_failed_because_EC2_could_not_launch_names_the_launch_failure_and_holds_nothing()
    {
        var world = await RefreshingAsync();
        const string capacity = "We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-east-1a). Launching EC2 instance failed.";
        world.Activities.Add(new ScalingActivity(
            "act-cap", ReconcilerWorld.Group, "Failed", $"Launching a new EC2 instance.  Status Reason: {capacity}",
            "an instance was launched in response to an instance refresh", world.Time.GetUtcNow() - TimeSpan.FromMinutes(20), capacity));
        world.Refreshes[0] = world.Refreshes[0] with { Status = InstanceRefreshStatus.Failed, StatusReason = "no progress", EndTime = world.Time.GetUtcNow() };

        await world.ReconcileAsync();

        Assert.Null(PolicyLedger.Read(world.Policy.Metadata.Annotations).FailedAmis);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.RefreshBlocked, degraded.Reason);
        Assert.Contains("sufficient m5.large capacity", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_held_AMI_stays_held_once_AWS_no_longer_describes_its_refresh_and_after_a_restart()
    {
        var world = await RefreshingAsync();
        world.AbandonedLaunch(Bad1);
        world.AbandonedLaunch(Bad2);
        await world.ReconcileAsync();
        world.SetRefresh("refresh-1", InstanceRefreshStatus.RollbackSuccessful);
        await world.ReconcileAsync();

        // Six weeks on: DescribeInstanceRefreshes and the scaling activities have forgotten it; a new operator starts.
        world.Time.Advance(TimeSpan.FromDays(43));
        world.Refreshes.Clear();
        world.Activities.Clear();
        world.NewOperator();
        await world.ReconcileAsync();

        Assert.Single(world.Calls, c => c == "StartInstanceRefresh");
        Assert.Equal(DegradedReasons.RefreshFailed, world.Condition(WindowsNodePolicyConditions.Degraded).Reason);
        Assert.Contains(ReconcilerWorld.NewAmi, world.Condition(WindowsNodePolicyConditions.Degraded).Message, StringComparison.Ordinal);
    }
}
