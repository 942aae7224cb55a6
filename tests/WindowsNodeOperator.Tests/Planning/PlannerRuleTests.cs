using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class PlannerRuleTests
{
    private static Wait WaitOf(Fleet fleet, WaitReason reason)
    {
        var wait = Assert.IsType<Wait>(fleet.Plan().Action);
        Assert.Equal(reason, wait.Reason);
        return wait;
    }

    private static ActiveRefreshFacts Running(string id = "r-1", bool ours = true, int? minHealthy = 90, string ami = NewAmi) =>
        new(id, RefreshStatuses.InProgress, 10, T0 - TimeSpan.FromMinutes(30), ami, ours, minHealthy);

    [Fact]
    public void A_node_cordoned_by_the_operator_spends_the_budget()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("draining", "win-a", Days(50), change: n => Annotate(n, OperatorAnnotations.CordonedBy, "windows"))
            .Node("next", "win-a", Days(49));

        var wait = WaitOf(fleet, WaitReason.BudgetSpent);

        Assert.Contains("next", wait.Message, StringComparison.Ordinal);
        Assert.Equal(new BudgetState(1, 1, 0), fleet.Plan().Budget);
    }

    [Fact]
    public void Instances_joining_or_leaving_the_group_spend_the_budget()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(50))
            .Instance(new InstanceFacts("i-new", "win-a", NewAmi, T0, LifecycleStates.PendingWait));

        WaitOf(fleet, WaitReason.BudgetSpent);
    }

    [Fact]
    public void An_instance_in_service_whose_node_has_not_joined_spends_the_budget_for_as_long_as_a_launch_may_take()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(50))
            .Instance(new InstanceFacts("i-booting", "win-a", NewAmi, T0 - TimeSpan.FromMinutes(2), LifecycleStates.InService));

        WaitOf(fleet, WaitReason.BudgetSpent);

        // Past refresh.launchTimeout (30m) it no longer counts: its node may be one the selector does not list.
        fleet.Now = T0 + TimeSpan.FromMinutes(29);
        Assert.IsType<ReplaceInstance>(fleet.Plan().Action);
    }

    [Fact]
    public void A_node_counts_once_however_many_ways_it_is_out()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("leaving", "win-a", Days(50),
                change: n => Annotate(n, OperatorAnnotations.CordonedBy, "windows") with { Ready = false },
                state: LifecycleStates.TerminatingWait)
            .Node("n2", "win-a", Days(49))
            .Node("n3", "win-a", Days(1))
            .Node("n4", "win-a", Days(1));
        fleet.Spec.Disruption.MaxUnavailable = 2;

        var plan = fleet.Plan();

        Assert.Equal(1, plan.Budget!.Unavailable);
        Assert.Equal("n2", Assert.IsType<ReplaceInstance>(plan.Action).Node);
    }

    [Fact]
    public void A_percentage_budget_counts_the_selected_nodes()
    {
        var fleet = new Fleet().Group("win-a");
        for (var i = 0; i < 8; i++)
        {
            fleet.Node($"n{i}", "win-a", Days(1), OldAmi);
        }

        fleet.Spec.Disruption.MaxUnavailable = "25%";

        var plan = fleet.Plan();

        Assert.Equal(2, plan.Budget!.MaxUnavailable);
        Assert.Equal(75, Assert.IsType<StartRefresh>(plan.Action).Preferences.MinHealthyPercentage);
    }

    [Fact]
    public void The_derived_minimum_leaves_room_only_for_the_budget_left()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("out", "win-a", Days(1), change: n => n with { Ready = false });
        for (var i = 0; i < 9; i++)
        {
            fleet.Node($"n{i}", "win-a", Days(1), OldAmi);
        }

        fleet.Spec.Disruption.MaxUnavailable = 3;

        var refresh = Assert.IsType<StartRefresh>(fleet.Plan().Action);

        Assert.Equal(80, refresh.Preferences.MinHealthyPercentage); // 10 instances, 2 of 3 left
    }

    [Fact]
    public void More_nodes_NotReady_than_the_budget_stops_everything_new()
    {
        var fleet = new Fleet().Group("win-a", OldAmi)
            .Node("sick-1", "win-a", Days(1), change: n => n with { Ready = false })
            .Node("sick-2", "win-a", Days(1), change: n => n with { Ready = false })
            .Node("n3", "win-a", Days(50), OldAmi);

        var wait = WaitOf(fleet, WaitReason.TooManyNotReady);

        Assert.Contains("2", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_second_refresh_on_a_group_while_one_runs()
    {
        var fleet = new Fleet()
            .Group("win-a", change: g => g with { ActiveRefresh = Running() })
            .Node("n1", "win-a", Days(2), OldAmi);

        var plan = fleet.Plan();

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(plan.Action).Reason);
        Assert.Equal(T0 + Requeue.Poll, plan.RequeueAt);
    }

    [Fact]
    public void Refreshing_groups_are_bounded_by_concurrentGroups()
    {
        var fleet = new Fleet()
            .Group("win-a", change: g => g with { ActiveRefresh = Running(minHealthy: 50) })
            .Group("win-b")
            .Node("a1", "win-a", Days(2), OldAmi)
            .Node("a2", "win-a", Days(2), OldAmi)
            .Node("b1", "win-b", Days(2), OldAmi)
            .Node("b2", "win-b", Days(2), OldAmi);
        fleet.Spec.AutoScalingGroups.Names = ["win-a", "win-b"];
        fleet.Spec.Disruption.MaxUnavailable = 3;

        var wait = WaitOf(fleet, WaitReason.RefreshRunning);
        Assert.Contains("concurrentGroups", wait.Message, StringComparison.Ordinal);

        fleet.Spec.Refresh.ConcurrentGroups = 2;
        var refresh = Assert.IsType<StartRefresh>(fleet.Plan().Action);
        Assert.Equal("win-b", refresh.Group);
        // win-a's refresh may take 1 of its 2 instances: 2 of 3 are left for win-b's 2.
        Assert.Equal(0, refresh.Preferences.MinHealthyPercentage);
    }

    [Fact]
    public void Outside_the_maintenance_windows_nothing_starts()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(50), OldAmi);
        fleet.Spec.Disruption.MaintenanceWindows = [new() { Schedule = "0 2 * * 6", Duration = "4h" }];

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.OutsideMaintenanceWindow, wait.Reason);
        Assert.Contains("2026-03-14 02:00:00Z", wait.Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 2, 0, 0, TimeSpan.Zero), plan.RequeueAt);

        fleet.Now = new DateTimeOffset(2026, 3, 14, 3, 0, 0, TimeSpan.Zero);
        Assert.IsType<UpdateLaunchTemplate>(fleet.Plan().Action);
    }

    [Fact]
    public void A_running_refresh_continues_outside_the_windows()
    {
        var fleet = new Fleet()
            .Group("win-a", change: g => g with { ActiveRefresh = Running() })
            .Node("n1", "win-a", Days(2), OldAmi);
        fleet.Spec.Disruption.MaintenanceWindows = [new() { Schedule = "0 2 * * 6", Duration = "4h" }];

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Fact]
    public void Managed_node_groups_are_never_touched_and_are_named()
    {
        var fleet = new Fleet()
            .Group("eks-ng", OldAmi, g => g with { Tags = new Dictionary<string, string> { [OperatorAnnotations.EksNodeGroupTag] = "windows-ng" } })
            .Node("n1", "eks-ng", Days(50), OldAmi);
        fleet.Spec.AutoScalingGroups.Names = ["eks-ng"];

        var wait = WaitOf(fleet, WaitReason.ManagedNodeGroup);

        Assert.Contains("eks-ng", wait.Message, StringComparison.Ordinal);
        Assert.Contains("windows-ng", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mixed_group_whose_override_has_its_own_template_is_never_touched_while_other_groups_proceed()
    {
        var policy = new MixedInstancesPolicy(
            new LaunchTemplateRef("lt-mixed", "mixed", "1"),
            [new LaunchTemplateOverride("g4dn.xlarge", null, new LaunchTemplateRef("lt-gpu", "gpu", "2")), new LaunchTemplateOverride("m5.xlarge")],
            null);
        var fleet = new Fleet()
            .Group("mixed", OldAmi, g => g with { MixedInstancesPolicy = policy })
            .Group("win-a")
            .Node("m1", "mixed", Days(50), OldAmi)
            .Node("a1", "win-a", Days(50));
        fleet.Spec.AutoScalingGroups.Names = ["mixed", "win-a"];

        Assert.Equal("a1", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);

        fleet.Spec.AutoScalingGroups.Names = ["mixed"];
        var wait = WaitOf(fleet, WaitReason.UnsupportedMixedInstancesPolicy);
        Assert.Contains("group mixed", wait.Message, StringComparison.Ordinal);
        Assert.Contains("lt-gpu", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_of_a_mixed_group_carries_its_policy()
    {
        var policy = new MixedInstancesPolicy(new LaunchTemplateRef("lt-win-a", "win-a", "$Latest"), [new LaunchTemplateOverride("m6i.xlarge")], null);
        var fleet = new Fleet()
            .Group("win-a", change: g => g with { MixedInstancesPolicy = policy })
            .Node("a1", "win-a", Days(3), OldAmi);

        var start = Assert.IsType<StartRefresh>(fleet.Plan().Action);

        Assert.Same(policy, start.Preferences.MixedInstancesPolicy);
        Assert.Equal("lt-win-a", start.Preferences.DesiredLaunchTemplate!.Id);
    }

    [Fact]
    public void Managed_groups_wait_while_other_groups_proceed()
    {
        var fleet = new Fleet()
            .Group("eks-ng", OldAmi, g => g with { Tags = new Dictionary<string, string> { [OperatorAnnotations.EksNodeGroupTag] = "ng" } })
            .Group("win-a")
            .Node("m1", "eks-ng", Days(50), OldAmi)
            .Node("a1", "win-a", Days(50));
        fleet.Spec.AutoScalingGroups.Names = ["eks-ng", "win-a"];

        Assert.Equal("a1", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);
    }

    [Fact]
    public void A_protected_drifted_node_turns_the_refresh_into_single_replacements_of_the_others()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("keep", "win-a", Days(30), OldAmi, n => Annotate(n, OperatorAnnotations.DoNotDisrupt, "true"))
            .Node("n2", "win-a", Days(20), OldAmi)
            .Node("n3", "win-a", Days(10), OldAmi);

        var replace = Assert.IsType<ReplaceInstance>(fleet.Plan().Action);

        Assert.Equal("n2", replace.Node);
        Assert.Equal(ReplacementReasons.Drifted, replace.Reasons);
    }

    [Fact]
    public void A_group_whose_only_due_node_is_protected_waits_naming_it()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("keep", "win-a", Days(50), change: n => n with { HasDoNotDisruptPod = true })
            .Node("fine", "win-a", Days(10));

        var wait = WaitOf(fleet, WaitReason.ProtectedNode);

        Assert.Contains("keep", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_protected_node_on_the_target_does_not_stop_a_refresh()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("keep", "win-a", Days(50), change: n => n with { HasDoNotDisruptPod = true })
            .Node("n2", "win-a", Days(10), OldAmi);

        Assert.IsType<StartRefresh>(fleet.Plan().Action);
    }

    [Fact]
    public void Paused_waits_and_cancels_only_our_own_refresh()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(50), OldAmi);
        fleet.Spec.Disruption.Paused = true;
        WaitOf(fleet, WaitReason.Paused);

        fleet.ChangeGroup("win-a", g => g with { ActiveRefresh = Running(ami: OldAmi) });
        var cancel = Assert.IsType<CancelRefresh>(fleet.Plan().Action);
        Assert.Equal(("win-a", "r-1", CancelReason.PolicyPaused), (cancel.Group, cancel.RefreshId, cancel.Reason));

        fleet.ChangeGroup("win-a", g => g with { ActiveRefresh = Running(ours: false) });
        WaitOf(fleet, WaitReason.Paused);
    }

    [Fact]
    public void Dry_run_reports_what_it_would_do_and_does_nothing()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(50));
        fleet.Spec.Disruption.DryRun = true;

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.DryRun, wait.Reason);
        Assert.Contains("replace node n1", wait.Message, StringComparison.Ordinal);
        Assert.Equal("n1", Assert.IsType<ReplaceInstance>(plan.DryRunAction).Node);
        Assert.Null(plan.RequeueAt); // nothing moves: no poll for work that was not done
    }

    [Fact]
    public void An_invalid_spec_plans_nothing_and_says_why()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(50));
        fleet.Spec.Refresh.CheckpointPercentages = [60, 30];

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.InvalidSpec, wait.Reason);
        Assert.Contains("spec.refresh.checkpointPercentages[1]", wait.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Nodes);
        Assert.Null(plan.RequeueAt);
    }

    [Fact]
    public void A_compliant_fleet_needs_no_action()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(1));

        Assert.IsType<NoAction>(fleet.Plan().Action);
    }

    [Fact]
    public void A_node_already_being_replaced_is_not_picked_again()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(50), change: n => Annotate(n, OperatorAnnotations.CordonedBy, "windows"));
        fleet.Spec.Disruption.MaxUnavailable = 5;

        var plan = fleet.Plan();

        Assert.IsType<NoAction>(plan.Action);
        Assert.Equal(T0 + Requeue.Poll, plan.RequeueAt);
    }
}
