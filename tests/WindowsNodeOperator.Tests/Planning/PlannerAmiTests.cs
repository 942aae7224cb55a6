using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class PlannerAmiTests
{
    [Fact]
    public void A_soaked_latest_AMI_updates_the_launch_template_first()
    {
        var fleet = new Fleet().Group("win-a", OldAmi)
            .Node("n1", "win-a", Days(60), OldAmi)
            .Node("n2", "win-a", Days(5), OldAmi);

        var plan = fleet.Plan();

        var update = Assert.IsType<UpdateLaunchTemplate>(plan.Action);
        Assert.Equal(("win-a", NewAmi, "lt-win-a"), (update.Group, update.ImageId, update.LaunchTemplate.Id));
        Assert.Equal(NewAmi, Assert.Single(plan.Groups).TargetImageId);
    }

    [Fact]
    public void With_the_template_on_target_drifted_nodes_are_refreshed_skipping_matching_ones()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi)
            .Node("n3", "win-a", Days(10), OldAmi)
            .Node("n4", "win-a", Days(10));
        fleet.Spec.Refresh.CheckpointPercentages = [50, 100];

        var refresh = Assert.IsType<StartRefresh>(fleet.Plan().Action);

        Assert.Equal("win-a", refresh.Group);
        Assert.Equal(NewAmi, refresh.TargetImageId);
        Assert.True(refresh.Preferences.SkipMatching);
        Assert.Equal(75, refresh.Preferences.MinHealthyPercentage); // 4 instances, 1 may be out
        Assert.Equal(100, refresh.Preferences.MaxHealthyPercentage);
        Assert.Equal(TimeSpan.FromMinutes(5), refresh.Preferences.InstanceWarmup);
        Assert.Equal([50, 100], refresh.Preferences.CheckpointPercentages);
        Assert.True(refresh.Preferences.AutoRollback);
        Assert.Equal(new LaunchTemplateRef("lt-win-a", "win-a", "$Latest"), refresh.Preferences.DesiredLaunchTemplate);
    }

    [Fact]
    public void Expired_nodes_on_the_target_are_replaced_one_by_one_oldest_first()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("older", "win-a", Days(50))
            .Node("oldest", "win-a", Days(70))
            .Node("young", "win-a", Days(2));

        var replace = Assert.IsType<ReplaceInstance>(fleet.Plan().Action);

        Assert.Equal(("win-a", "oldest", fleet.InstanceOf("oldest"), ReplacementReasons.Expired),
            (replace.Group, replace.Node, replace.InstanceId, replace.Reasons));
    }

    [Fact]
    public void A_soaking_AMI_is_not_the_target_and_the_plan_says_until_when()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(3), OldAmi);
        fleet.Latest = new AmiFound(NewAmi, T0 - TimeSpan.FromHours(10), T0);

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.AmiSoaking, wait.Reason);
        Assert.Contains(NewAmi, wait.Message, StringComparison.Ordinal);
        Assert.Equal(OldAmi, plan.Groups[0].TargetImageId);
        Assert.False(plan.Nodes[0].Drifted);
        Assert.Equal(T0 + TimeSpan.FromHours(14), plan.RequeueAt);
    }

    [Fact]
    public void An_AMI_built_days_before_its_release_soaks_from_the_release()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(3), OldAmi);
        fleet.Latest = new AmiFound(NewAmi, T0 - TimeSpan.FromDays(5), T0, PublishedAt: T0 - TimeSpan.FromHours(2));

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.AmiSoaking, wait.Reason);
        Assert.Equal(OldAmi, plan.Groups[0].TargetImageId);
        Assert.Equal(T0 + TimeSpan.FromHours(22), plan.RequeueAt);

        fleet.Now = T0 + TimeSpan.FromHours(22);
        Assert.Equal(NewAmi, fleet.Plan().Groups[0].TargetImageId);
    }

    [Fact]
    public void An_AMI_of_unknown_age_is_never_adopted()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(3), OldAmi);
        fleet.Latest = new AmiFound(NewAmi, null, T0);

        var plan = fleet.Plan();

        Assert.Equal(WaitReason.AmiUnknown, Assert.IsType<Wait>(plan.Action).Reason);
        Assert.Equal(OldAmi, plan.Groups[0].TargetImageId);
    }

    [Fact]
    public void A_failed_lookup_still_replaces_expired_nodes_on_what_the_group_launches()
    {
        var fleet = new Fleet().Group("win-a", OldAmi)
            .Node("n1", "win-a", Days(3), OldAmi)
            .Node("n2", "win-a", Days(50), OldAmi);
        fleet.Latest = new AmiLookupFailed("throttled", T0);

        Assert.Equal("n2", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);

        fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(3), OldAmi);
        fleet.Latest = new AmiLookupFailed("throttled", T0);
        var wait = Assert.IsType<Wait>(fleet.Plan().Action);
        Assert.Equal(WaitReason.AmiUnknown, wait.Reason);
        Assert.Contains("throttled", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_updateLaunchTemplate_the_target_is_what_the_template_launches()
    {
        var fleet = new Fleet().Group("win-a", OldAmi)
            .Node("n1", "win-a", Days(3), OldAmi)
            .Node("n2", "win-a", Days(3), "ami-older");
        fleet.Spec.Ami.UpdateLaunchTemplate = false;

        var plan = fleet.Plan();

        Assert.Equal(OldAmi, plan.Groups[0].TargetImageId);
        var refresh = Assert.IsType<StartRefresh>(plan.Action);
        Assert.Equal(OldAmi, refresh.TargetImageId);
    }

    [Fact]
    public void An_AMI_the_ledger_holds_is_not_retried()
    {
        // autoRollback off: the template stayed on the failed AMI, so nothing may launch from it again.
        var fleet = new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.Failed, NewAmi, "instances did not become healthy", T0 - Days(1), RefreshFailureCause.Ami),
            })
            .Held(NewAmi, reason: "2 new instance(s) never became Ready nodes within refresh.launchTimeout 30m (i-1, i-2)")
            .Node("n1", "win-a", Days(60), OldAmi);

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.PreviousRefreshFailedForAmi, wait.Reason);
        Assert.Contains(NewAmi, wait.Message, StringComparison.Ordinal);
        Assert.Contains("2 new instance(s) never became Ready nodes", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_rollback_expired_nodes_are_still_replaced_on_the_old_AMI_and_the_failed_one_is_held()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.RollbackSuccessful, NewAmi, null, T0 - Days(1), RefreshFailureCause.Ami),
            })
            .Held(NewAmi)
            .Node("n1", "win-a", Days(60), OldAmi)
            .Node("n2", "win-a", Days(2), OldAmi);

        var plan = fleet.Plan();

        Assert.Equal(OldAmi, plan.Groups[0].TargetImageId);
        Assert.Equal("n1", Assert.IsType<ReplaceInstance>(plan.Action).Node);

        var quiet = new Fleet()
            .Group("win-a", OldAmi)
            .Held(NewAmi)
            .Node("n2", "win-a", Days(2), OldAmi);
        var wait = Assert.IsType<Wait>(quiet.Plan().Action);
        Assert.Equal(WaitReason.PreviousRefreshFailedForAmi, wait.Reason);
        Assert.Contains(NewAmi, wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_AMI_that_failed_in_one_group_is_not_rolled_out_to_the_others()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi)
            .Group("win-b", OldAmi)
            .Held(NewAmi, group: "win-a")
            .Node("a1", "win-a", Days(2), OldAmi)
            .Node("b1", "win-b", Days(2), OldAmi);
        fleet.Spec.AutoScalingGroups.Names = ["win-a", "win-b"];

        var plan = fleet.Plan();

        var b = plan.Groups.Single(g => g.Name == "win-b");
        Assert.Equal(OldAmi, b.TargetImageId);
        Assert.Equal(WaitReason.PreviousRefreshFailedForAmi, b.Hold!.Reason);
        Assert.Contains("group win-a", b.Hold.Message, StringComparison.Ordinal);
        Assert.IsType<Wait>(plan.Action);

        // A template already pinned to the failed AMI in the other group is held too.
        var pinned = new Fleet()
            .Group("win-a", OldAmi)
            .Group("win-b", NewAmi)
            .Held(NewAmi, group: "win-a")
            .Node("b1", "win-b", Days(2), OldAmi);
        pinned.Spec.AutoScalingGroups.Names = ["win-a", "win-b"];
        var held = pinned.Plan();
        Assert.Equal("win-a", held.Groups.Single(g => g.Name == "win-b").FailedIn!.Group);
        Assert.IsNotType<StartRefresh>(held.Action);
    }

    [Fact]
    public void An_AMI_held_before_a_later_successful_refresh_stays_held()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-2", RefreshStatuses.Successful, OldAmi, null, T0 - Days(1)),
            })
            .Held(NewAmi)
            .Node("n1", "win-a", Days(2), OldAmi);

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.PreviousRefreshFailedForAmi, wait.Reason);
        Assert.Contains($"AMI {NewAmi} is held: it failed in group win-a", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_AMI_than_the_failed_one_is_rolled_out()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.RollbackSuccessful, "ami-bad", null, T0 - Days(3), RefreshFailureCause.Ami),
            })
            .Held("ami-bad")
            .Node("n1", "win-a", Days(2), OldAmi);

        Assert.Equal(NewAmi, Assert.IsType<UpdateLaunchTemplate>(fleet.Plan().Action).ImageId);
    }

    [Theory]
    [InlineData(nameof(RefreshFailureCause.ScaleInProtectedInstances))]
    [InlineData(nameof(RefreshFailureCause.LaunchFailure))]
    [InlineData(nameof(RefreshFailureCause.Unknown))]
    public void A_refresh_that_failed_for_another_cause_does_not_hold_its_AMI(string failure)
    {
        var cause = Enum.Parse<RefreshFailureCause>(failure);
        var fleet = new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.RollbackSuccessful, NewAmi, "gave up", T0 - TimeSpan.FromHours(1), cause, "the cause"),
            })
            .Node("n1", "win-a", Days(2), OldAmi);

        var plan = fleet.Plan();

        Assert.Null(plan.Groups[0].FailedIn);
        Assert.Equal(NewAmi, Assert.IsType<StartRefresh>(plan.Action).TargetImageId);
    }

    [Fact]
    public void A_cancelled_refresh_is_not_a_failure()
    {
        var fleet = new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.Cancelled, NewAmi, null, T0 - Days(1)),
            })
            .Node("n1", "win-a", Days(2), OldAmi);

        Assert.IsType<StartRefresh>(fleet.Plan().Action);
    }

    [Fact]
    public void Our_refresh_to_an_AMI_that_is_no_longer_the_target_is_cancelled()
    {
        var fleet = new Fleet()
            .Group("win-a", "ami-mid", g => g with
            {
                ActiveRefresh = new ActiveRefreshFacts("r-7", RefreshStatuses.InProgress, 40, T0 - TimeSpan.FromHours(1), "ami-mid", true, 90),
            })
            .Node("n1", "win-a", Days(2), OldAmi);

        var cancel = Assert.IsType<CancelRefresh>(fleet.Plan().Action);

        Assert.Equal(("win-a", "r-7", CancelReason.AmiNoLongerTarget), (cancel.Group, cancel.RefreshId, cancel.Reason));
    }

    [Fact]
    public void A_users_refresh_is_never_cancelled()
    {
        var fleet = new Fleet()
            .Group("win-a", "ami-mid", g => g with
            {
                ActiveRefresh = new ActiveRefreshFacts("r-7", RefreshStatuses.InProgress, 40, T0 - TimeSpan.FromHours(1), "ami-mid", false, 90),
            })
            .Node("n1", "win-a", Days(2), OldAmi);

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Fact]
    public void A_group_on_a_launch_configuration_has_no_target_but_expired_nodes_are_replaced()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with { LaunchTemplate = null, LaunchTemplateImageId = null })
            .Node("n1", "win-a", Days(2), OldAmi)
            .Node("n2", "win-a", Days(50), OldAmi);

        var plan = fleet.Plan();

        Assert.Null(plan.Groups[0].TargetImageId);
        Assert.All(plan.Nodes, n => Assert.False(n.Drifted));
        Assert.Equal("n2", Assert.IsType<ReplaceInstance>(plan.Action).Node);
    }

    [Fact]
    public void Drifted_nodes_a_successful_refresh_left_behind_are_replaced_one_by_one()
    {
        var fleet = new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                LastRefresh = new FinishedRefreshFacts("r-1", RefreshStatuses.Successful, NewAmi, null, T0 - TimeSpan.FromHours(1)),
            })
            .Node("skipped", "win-a", Days(5), OldAmi)
            .Node("n2", "win-a", Days(1));

        var replace = Assert.IsType<ReplaceInstance>(fleet.Plan().Action);

        Assert.Equal(("skipped", ReplacementReasons.Drifted), (replace.Node, replace.Reasons));
    }
}
