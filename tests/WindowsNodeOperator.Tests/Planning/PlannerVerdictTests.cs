using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class PlannerVerdictTests
{
    [Fact]
    public void Linux_nodes_and_nodes_outside_the_selector_are_ignored_and_strangers_are_unmanaged()
    {
        var fleet = new Fleet().Group("win-a").Group("win-other");
        fleet.Spec.NodeSelector = new() { ["pool"] = "web" };
        fleet.Node("web-1", "win-a", Days(1), change: n => Label(n, "pool", "web"))
            .Node("batch-1", "win-a", Days(1), change: n => Label(n, "pool", "batch"))
            .Node("linux-1", "win-a", Days(1), change: n => Label(Label(n, "pool", "web"), WindowsNodePolicySpec.OsLabel, "linux"))
            .Node("stranger", "win-other", Days(1), change: n => Label(n, "pool", "web"));

        var plan = fleet.Plan();

        Assert.Equal(["stranger", "web-1"], plan.Nodes.Select(n => n.Name));
        Assert.True(plan.Nodes.Single(n => n.Name == "stranger").Unmanaged);
        Assert.Null(plan.Nodes.Single(n => n.Name == "stranger").Group);
        Assert.Equal("win-a", plan.Nodes.Single(n => n.Name == "web-1").Group);
        Assert.Equal(new FleetCounts(1, 0, 0, 1, 1, T0 - Days(1), T0 - Days(1) + Days(45), null), plan.Counts);
    }

    [Fact]
    public void A_node_without_a_known_instance_is_unmanaged_and_never_expires()
    {
        var fleet = new Fleet().Group("win-a");
        fleet.RawNode(new NodeFacts(
            "fargate-ish",
            new Dictionary<string, string> { [WindowsNodePolicySpec.OsLabel] = "windows" },
            true, false, null, new Dictionary<string, string>(), false));

        var verdict = Assert.Single(fleet.Plan().Nodes);

        Assert.True(verdict.Unmanaged);
        Assert.False(verdict.Expired);
        Assert.Null(verdict.Age);
    }

    [Fact]
    public void Age_comes_from_the_original_launch_time_and_expiry_starts_at_maxNodeAge()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("young", "win-a", Days(45) - TimeSpan.FromMilliseconds(1))
            .Node("exact", "win-a", Days(45))
            .Node("old", "win-a", Days(60));

        var nodes = fleet.Plan().Nodes.ToDictionary(n => n.Name);

        Assert.False(nodes["young"].Expired);
        Assert.True(nodes["exact"].Expired);
        Assert.True(nodes["old"].Expired);
        Assert.Equal(Days(60), nodes["old"].Age);
    }

    [Fact]
    public void Drift_is_judged_against_the_group_target()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("current", "win-a", Days(1))
            .Node("behind", "win-a", Days(1), OldAmi);

        var plan = fleet.Plan();

        Assert.False(plan.Nodes.Single(n => n.Name == "current").Drifted);
        Assert.True(plan.Nodes.Single(n => n.Name == "behind").Drifted);
        Assert.Equal(NewAmi, plan.Nodes.Single(n => n.Name == "behind").TargetImageId);
        Assert.Equal(1, plan.Counts.Drifted);
        Assert.Equal(1, plan.Counts.Compliant);
    }

    [Fact]
    public void A_node_is_protected_by_its_own_annotation_or_by_a_pod()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("annotated", "win-a", Days(1), change: n => Annotate(n, OperatorAnnotations.DoNotDisrupt, "true"))
            .Node("annotated-false", "win-a", Days(1), change: n => Annotate(n, OperatorAnnotations.DoNotDisrupt, "false"))
            .Node("pod", "win-a", Days(1), change: n => n with { HasDoNotDisruptPod = true })
            .Node("plain", "win-a", Days(1));

        var nodes = fleet.Plan().Nodes.ToDictionary(n => n.Name, n => n.Protected);

        Assert.Equal(new Dictionary<string, bool>
        {
            ["annotated"] = true, ["annotated-false"] = false, ["pod"] = true, ["plain"] = false,
        }, nodes);
    }

    [Fact]
    public void Counts_report_oldest_launch_next_expiry_among_unexpired_nodes_drifted_or_not_and_next_window()
    {
        var fleet = new Fleet().Group("win-a")
            .Node("expired", "win-a", Days(50))
            .Node("drifted", "win-a", Days(40), OldAmi)
            .Node("compliant-old", "win-a", Days(30))
            .Node("compliant-young", "win-a", Days(2));
        fleet.Spec.Disruption.MaintenanceWindows = [new() { Schedule = "0 2 * * 6", Duration = "4h" }];

        var counts = fleet.Plan().Counts;

        Assert.Equal(4, counts.Total);
        Assert.Equal(1, counts.Expired);
        Assert.Equal(1, counts.Drifted);
        Assert.Equal(2, counts.Compliant);
        Assert.Equal(T0 - Days(50), counts.OldestLaunchTime);
        Assert.Equal(T0 - Days(40) + Days(45), counts.NextExpiry);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 2, 0, 0, TimeSpan.Zero), counts.NextMaintenanceWindow);
    }

    [Fact]
    public void The_next_expiry_is_known_when_every_node_is_drifted_and_ignores_nodes_of_no_group_of_the_policy()
    {
        var fleet = new Fleet().Group("win-a").Group("win-other")
            .Node("drifted-old", "win-a", Days(30), OldAmi)
            .Node("drifted-young", "win-a", Days(2), OldAmi)
            .Node("unmanaged", "win-other", Days(44));

        var counts = fleet.Plan().Counts;

        Assert.Equal(2, counts.Drifted);
        Assert.Equal(T0 - Days(30) + Days(45), counts.NextExpiry);
    }

    [Fact]
    public void Nodes_no_group_of_the_policy_owns_are_counted_apart_from_the_total_and_the_oldest_launch()
    {
        var fleet = new Fleet().Group("win-a").Group("win-other")
            .Node("managed", "win-a", Days(10))
            .Node("unmanaged", "win-other", Days(90));

        var counts = fleet.Plan().Counts;

        Assert.Equal(1, counts.Total);
        Assert.Equal(1, counts.Unmanaged);
        Assert.Equal(T0 - Days(10), counts.OldestLaunchTime);
    }

    [Fact]
    public void Groups_are_selected_by_tags()
    {
        var fleet = new Fleet()
            .Group("tagged", change: g => g with { Tags = new Dictionary<string, string> { ["team"] = "web", ["os"] = "windows" } })
            .Group("half", change: g => g with { Tags = new Dictionary<string, string> { ["team"] = "web" } })
            .Node("a", "tagged", Days(1))
            .Node("b", "half", Days(1));
        fleet.Spec.AutoScalingGroups = new() { Tags = new() { ["team"] = "web", ["os"] = "windows" } };

        var plan = fleet.Plan();

        Assert.Equal(["tagged"], plan.Groups.Select(g => g.Name));
        Assert.True(plan.Nodes.Single(n => n.Name == "b").Unmanaged);
    }

    [Fact]
    public void Named_groups_that_do_not_exist_are_reported()
    {
        var fleet = new Fleet().Group("win-a");
        fleet.Spec.AutoScalingGroups.Names = ["win-a", "win-gone"];

        Assert.Equal(["win-gone"], fleet.Plan().MissingGroups);
    }
}
