using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>The planner's decisions about refreshes that fail: rolling back for the AMI, and instances someone holds.</summary>
public sealed class PlannerFailureTests
{
    private static ActiveRefreshFacts Running(string status = RefreshStatuses.InProgress, bool ours = true, params string[] failedLaunches) =>
        new("r-7", status, 0, T0 - TimeSpan.FromHours(1), NewAmi, ours, 83, failedLaunches);

    private static Fleet Refreshing(ActiveRefreshFacts refresh) =>
        new Fleet()
            .Group("win-a", NewAmi, g => g with { ActiveRefresh = refresh })
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi);

    [Fact]
    public void Fewer_failed_launches_than_the_bound_let_the_refresh_go_on()
    {
        var fleet = Refreshing(Running(failedLaunches: "i-bad1"));

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.RefreshRunning, wait.Reason);
    }

    [Fact]
    public void As_many_failed_launches_as_the_bound_roll_the_refresh_back_naming_them_as_the_evidence()
    {
        var fleet = Refreshing(Running(failedLaunches: ["i-bad1", "i-bad2"]));

        var rollback = Assert.IsType<RollbackRefresh>(fleet.Plan().Action);

        Assert.Equal(("win-a", "r-7", NewAmi), (rollback.Group, rollback.RefreshId, rollback.ImageId));
        Assert.Equal("2 new instance(s) never became Ready nodes within refresh.launchTimeout 30m (i-bad1, i-bad2)", rollback.Evidence);
    }

    [Fact]
    public void The_bound_is_the_policy_s_maxFailedLaunches()
    {
        var fleet = Refreshing(Running(failedLaunches: "i-bad1"));
        fleet.Spec.Refresh.MaxFailedLaunches = 1;

        Assert.IsType<RollbackRefresh>(fleet.Plan().Action);

        var lenient = Refreshing(Running(failedLaunches: ["i-1", "i-2"]));
        lenient.Spec.Refresh.MaxFailedLaunches = 3;
        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(lenient.Plan().Action).Reason);
    }

    [Fact]
    public void A_refresh_to_an_AMI_held_elsewhere_is_rolled_back_with_the_recorded_reason()
    {
        var fleet = Refreshing(Running()).Held(NewAmi, group: "win-b", reason: "2 new instance(s) never became Ready nodes (i-x, i-y)");

        var rollback = Assert.IsType<RollbackRefresh>(fleet.Plan().Action);

        Assert.Equal("2 new instance(s) never became Ready nodes (i-x, i-y)", rollback.Evidence);
    }

    [Fact]
    public void Neither_a_users_refresh_nor_one_already_rolling_back_is_rolled_back()
    {
        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(Refreshing(Running(ours: false, failedLaunches: ["i-1", "i-2"])).Plan().Action).Reason);
        // Rolling back already (its AMI held): the group waits, named for the held AMI.
        Assert.Equal(
            WaitReason.PreviousRefreshFailedForAmi,
            Assert.IsType<Wait>(Refreshing(Running(RefreshStatuses.RollbackInProgress, failedLaunches: ["i-1", "i-2"])).Held(NewAmi).Plan().Action).Reason);
    }

    [Fact]
    public void Paused_cancels_rather_than_rolls_back_and_dry_run_only_says_it_would()
    {
        var paused = Refreshing(Running(failedLaunches: ["i-1", "i-2"]));
        paused.Spec.Disruption.Paused = true;
        Assert.Equal(CancelReason.PolicyPaused, Assert.IsType<CancelRefresh>(paused.Plan().Action).Reason);

        var dry = Refreshing(Running(failedLaunches: ["i-1", "i-2"]));
        dry.Spec.Disruption.DryRun = true;
        var plan = dry.Plan();
        Assert.Equal(WaitReason.DryRun, Assert.IsType<Wait>(plan.Action).Reason);
        Assert.IsType<RollbackRefresh>(plan.DryRunAction);
    }

    [Fact]
    public void A_drifted_instance_protected_from_scale_in_holds_the_refresh_and_is_named()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi)
            .Node("n3", "win-a", Days(50), OldAmi);
        fleet.ChangeInstance("n2", i => i with { ProtectedFromScaleIn = true });

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.ScaleInProtectedOrStandby, wait.Reason);
        Assert.Contains($"n2 ({fleet.InstanceOf("n2")}, protected from scale in)", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drifted_instance_in_Standby_holds_the_refresh_and_released_it_refreshes()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi);
        fleet.ChangeInstance("n1", i => i with { LifecycleState = LifecycleStates.Standby });

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);
        Assert.Equal(WaitReason.ScaleInProtectedOrStandby, wait.Reason);
        Assert.Contains("in Standby", wait.Message, StringComparison.Ordinal);

        fleet.ChangeInstance("n1", i => i with { LifecycleState = LifecycleStates.InService });
        Assert.IsType<StartRefresh>(fleet.Plan().Action);
    }

    [Fact]
    public void An_expired_instance_protected_from_scale_in_is_not_terminated_behind_its_protection()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("old", "win-a", Days(70))
            .Node("older", "win-a", Days(80));
        fleet.ChangeInstance("older", i => i with { ProtectedFromScaleIn = true });

        Assert.Equal("old", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);

        fleet.ChangeInstance("old", i => i with { ProtectedFromScaleIn = true });
        Assert.Equal(WaitReason.ScaleInProtectedOrStandby, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Fact]
    public void After_a_refresh_failed_for_a_protected_instance_the_same_AMI_is_refreshed_to_once_the_protection_is_gone()
    {
        var fleet = new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts(
                    "r-1", RefreshStatuses.RollbackSuccessful, NewAmi, "waited an hour", T0 - TimeSpan.FromHours(1),
                    RefreshFailureCause.ScaleInProtectedInstances, "waited an hour for i-1"),
            })
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi);
        fleet.ChangeInstance("n1", i => i with { ProtectedFromScaleIn = true });

        Assert.Equal(WaitReason.ScaleInProtectedOrStandby, Assert.IsType<Wait>(fleet.Plan().Action).Reason);

        fleet.ChangeInstance("n1", i => i with { ProtectedFromScaleIn = false });
        Assert.Equal(NewAmi, Assert.IsType<StartRefresh>(fleet.Plan().Action).TargetImageId);
    }
}
