using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class PlannerRequeueTests
{
    [Fact]
    public void A_node_crossing_maxNodeAge_is_requeued_for_exactly_then_and_acted_on_then()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(30)).Node("n2", "win-a", Days(1));
        var crossing = T0 - Days(30) + Days(45);

        fleet.Now = crossing - TimeSpan.FromMilliseconds(1);
        var before = fleet.Plan();
        Assert.IsType<NoAction>(before.Action);
        Assert.Equal(crossing, before.RequeueAt);

        fleet.Now = crossing;
        var at = fleet.Plan();
        var replace = Assert.IsType<ReplaceInstance>(at.Action);
        Assert.Equal("n1", replace.Node);
        Assert.Equal(ReplacementReasons.Expired, replace.Reasons);
    }

    [Fact]
    public void The_AMI_cache_expiry_is_looked_at_and_never_in_the_past()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(1));
        fleet.AmiCacheExpiresAt = T0 + TimeSpan.FromHours(1);
        Assert.Equal(T0 + TimeSpan.FromHours(1), fleet.Plan().RequeueAt);

        fleet.AmiCacheExpiresAt = T0 - TimeSpan.FromHours(1);
        Assert.Equal(T0, fleet.Plan().RequeueAt);
    }

    [Fact]
    public void An_action_is_followed_by_a_short_poll()
    {
        var fleet = new Fleet().Group("win-a", OldAmi).Node("n1", "win-a", Days(1), OldAmi);
        fleet.AmiCacheExpiresAt = T0 + TimeSpan.FromHours(1);

        var plan = fleet.Plan();

        Assert.IsType<UpdateLaunchTemplate>(plan.Action);
        Assert.Equal(T0 + Requeue.Poll, plan.RequeueAt);
    }

    [Fact]
    public void The_earliest_reason_wins()
    {
        var fleet = new Fleet().Group("win-a").Node("n1", "win-a", Days(44.5));
        fleet.AmiCacheExpiresAt = T0 + Days(1);
        fleet.Spec.Disruption.MaintenanceWindows = [new() { Schedule = "0 2 * * 6", Duration = "4h" }];

        Assert.Equal(T0 + Days(0.5), fleet.Plan().RequeueAt);
    }
}
