using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>disruption.notReadyReplaceAfter: a node NotReady that long is replaced first, without waiting on itself.</summary>
public sealed class PlannerNotReadyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(30);

    private static NodeFacts NotReadyFor(NodeFacts node, TimeSpan span) => node with { Ready = false, NotReadySince = T0 - span };

    /// <summary>Four drifted nodes of win-a, one NotReady for <paramref name="notReadyFor"/>; maxUnavailable 1.</summary>
    private static Fleet Drifted(TimeSpan notReadyFor) =>
        new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(40), OldAmi)
            .Node("n2", "win-a", Days(30), OldAmi)
            .Node("sick", "win-a", Days(3), OldAmi, change: n => NotReadyFor(n, notReadyFor))
            .Node("n4", "win-a", Days(2), OldAmi);

    [Fact]
    public void A_node_NotReady_past_the_bound_is_replaced_first_although_it_spends_the_budget()
    {
        var fleet = Drifted(TimeSpan.FromHours(3));

        var plan = fleet.Plan();

        var replace = Assert.IsType<ReplaceInstance>(plan.Action);
        Assert.Equal("sick", replace.Node);
        Assert.Equal(fleet.InstanceOf("sick"), replace.InstanceId);
        Assert.Equal(ReplacementReasons.NotReady | ReplacementReasons.Drifted, replace.Reasons);
        Assert.Equal(new BudgetState(1, 1, 1), plan.Budget);
        Assert.True(plan.Nodes.Single(n => n.Name == "sick").NotReadyTooLong);
    }

    [Fact]
    public void A_node_NotReady_under_the_bound_still_counts_against_the_budget_and_the_plan_looks_again_at_the_bound()
    {
        var fleet = Drifted(TimeSpan.FromMinutes(10));

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.BudgetSpent, wait.Reason);
        Assert.Equal(new BudgetState(1, 1, 1), plan.Budget);
        Assert.Equal(T0 + TimeSpan.FromMinutes(20), plan.RequeueAt);
        Assert.False(plan.Nodes.Single(n => n.Name == "sick").NotReadyTooLong);
    }

    [Fact]
    public void At_exactly_the_bound_the_node_is_replaced()
    {
        var fleet = Drifted(TimeSpan.FromMinutes(10));
        fleet.Now = T0 + TimeSpan.FromMinutes(20);

        Assert.Equal("sick", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);
    }

    [Fact]
    public void Once_the_NotReady_node_is_replaced_the_rollout_goes_on_no_deadlock()
    {
        // The NotReady node's instance terminated and its Node deleted; its replacement joined Ready on the new AMI.
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(40), OldAmi)
            .Node("n2", "win-a", Days(30), OldAmi)
            .Node("fresh", "win-a", TimeSpan.FromMinutes(20), NewAmi)
            .Node("n4", "win-a", Days(2), OldAmi);

        var refresh = Assert.IsType<StartRefresh>(fleet.Plan().Action);

        Assert.Equal("win-a", refresh.Group);
    }

    [Fact]
    public void A_compliant_node_NotReady_past_the_bound_is_replaced_for_that_alone()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(3))
            .Node("sick", "win-a", Days(2), change: n => NotReadyFor(n, TimeSpan.FromHours(1)));

        var replace = Assert.IsType<ReplaceInstance>(fleet.Plan().Action);

        Assert.Equal("sick", replace.Node);
        Assert.Equal(ReplacementReasons.NotReady, replace.Reasons);
    }

    [Fact]
    public void Anything_else_out_makes_the_NotReady_node_wait_for_it_but_never_for_itself()
    {
        var fleet = Drifted(TimeSpan.FromHours(3))
            .Instance(new InstanceFacts("i-joining", "win-a", NewAmi, T0, LifecycleStates.PendingWait));

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.BudgetSpent, wait.Reason);
        Assert.Contains("sick", wait.Message, StringComparison.Ordinal);
        Assert.Equal(2, fleet.Plan().Budget!.Unavailable);
    }

    [Fact]
    public void With_room_for_two_the_NotReady_node_still_goes_first()
    {
        var fleet = Drifted(TimeSpan.FromHours(3));
        fleet.Spec.Disruption.MaxUnavailable = 2;

        Assert.Equal("sick", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);
    }

    [Fact]
    public void More_nodes_NotReady_than_the_budget_replaces_none()
    {
        var fleet = Drifted(TimeSpan.FromHours(3))
            .Node("sick-2", "win-a", Days(1), OldAmi, change: n => NotReadyFor(n, TimeSpan.FromHours(2)));

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        Assert.Equal(WaitReason.TooManyNotReady, wait.Reason);
    }

    [Fact]
    public void The_longest_NotReady_goes_first()
    {
        var fleet = Drifted(TimeSpan.FromHours(1))
            .Node("sicker", "win-a", Days(1), OldAmi, change: n => NotReadyFor(n, TimeSpan.FromHours(5)));
        fleet.Spec.Disruption.MaxUnavailable = 2;

        Assert.Equal("sicker", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);
    }

    [Fact]
    public void Off_leaves_a_NotReady_node_counting_against_the_budget_as_before()
    {
        var fleet = Drifted(TimeSpan.FromHours(3));
        fleet.Spec.Disruption.NotReadyReplaceAfter = DisruptionSpec.Off;

        var plan = fleet.Plan();

        Assert.Equal(WaitReason.BudgetSpent, Assert.IsType<Wait>(plan.Action).Reason);
        Assert.Equal(T0 + Days(5), plan.RequeueAt);
    }

    [Fact]
    public void A_NotReady_node_opted_out_or_held_is_not_replaced()
    {
        var protectedFleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(3))
            .Node("sick", "win-a", Days(2), change: n => NotReadyFor(n, Bound * 2) with { HasDoNotDisruptPod = true });
        var heldFleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(3))
            .Node("sick", "win-a", Days(2), change: n => NotReadyFor(n, Bound * 2))
            .ChangeInstance("sick", i => i with { ProtectedFromScaleIn = true });

        Assert.IsNotType<ReplaceInstance>(protectedFleet.Plan().Action);
        Assert.IsNotType<ReplaceInstance>(heldFleet.Plan().Action);
    }

    [Fact]
    public void A_template_about_to_change_goes_first()
    {
        var fleet = new Fleet().Group("win-a", OldAmi)
            .Node("n1", "win-a", Days(40), OldAmi)
            .Node("sick", "win-a", Days(3), OldAmi, change: n => NotReadyFor(n, TimeSpan.FromHours(3)));

        Assert.IsType<UpdateLaunchTemplate>(fleet.Plan().Action);

        fleet.ChangeGroup("win-a", g => g with { LaunchTemplateImageId = NewAmi });
        Assert.Equal("sick", Assert.IsType<ReplaceInstance>(fleet.Plan().Action).Node);
    }

    [Fact]
    public void Outside_the_maintenance_windows_a_NotReady_node_waits_like_any_replacement()
    {
        var fleet = Drifted(TimeSpan.FromHours(3));
        fleet.Spec.Disruption.MaintenanceWindows = [new MaintenanceWindow { Schedule = "0 2 * * 6", Duration = "4h" }];

        Assert.Equal(WaitReason.OutsideMaintenanceWindow, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Fact]
    public void A_running_refresh_in_the_group_is_left_to_replace_the_node()
    {
        var fleet = Drifted(TimeSpan.FromHours(3))
            .ChangeGroup("win-a", g => g with
            {
                ActiveRefresh = new ActiveRefreshFacts("r-1", RefreshStatuses.InProgress, 10, T0 - TimeSpan.FromMinutes(30), NewAmi, true, 75),
            });

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Theory]
    [InlineData("1m", false)]
    [InlineData("4m59s", false)]
    [InlineData("5m", true)]
    [InlineData("30m", true)]
    [InlineData("7d", true)]
    [InlineData("8d", false)]
    [InlineData("off", true)]
    [InlineData("soon", false)]
    public void The_bound_is_off_or_5m_to_7d(string value, bool valid)
    {
        var fleet = Drifted(TimeSpan.FromHours(3));
        fleet.Spec.Disruption.NotReadyReplaceAfter = value;

        var problems = PolicyValidation.Validate(fleet.Policy);

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Contains("notReadyReplaceAfter", p.ToString(), StringComparison.Ordinal));
    }
}
