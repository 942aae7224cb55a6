using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>A group the policy selects is acted on only when it carries both ownership tags of the operator's cluster.</summary>
public sealed class PlannerOwnershipTests
{
    private static readonly Dictionary<string, string> Owned = new(StringComparer.Ordinal)
    {
        ["windowsnode.io/managed"] = "true",
        ["kubernetes.io/cluster/prod"] = "owned",
    };

    private static Fleet ThreeGroups()
    {
        var fleet = new Fleet { Ownership = new GroupOwnership("prod") }
            .Group("win-a", OldAmi, g => g with { Tags = Owned })
            .Group("win-untagged", OldAmi)
            .Group("win-staging", OldAmi, g => g with { Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["windowsnode.io/managed"] = "true",
                ["kubernetes.io/cluster/staging"] = "owned",
            } })
            .Node("a-1", "win-a", Days(50), OldAmi)
            .Node("untagged-1", "win-untagged", Days(60), OldAmi)
            .Node("staging-1", "win-staging", Days(70), OldAmi);
        fleet.Spec.AutoScalingGroups.Names = ["win-a", "win-untagged", "win-staging"];
        return fleet;
    }

    [Fact]
    public void Groups_without_the_ownership_tags_are_named_with_what_they_lack_and_the_owned_one_is_acted_on()
    {
        var plan = ThreeGroups().Plan();

        Assert.Equal(["win-a"], plan.Groups.Select(g => g.Name));
        var notOwned = plan.NotOwnedGroups!.ToDictionary(g => g.Name, g => g.MissingTags);
        Assert.Equal(["windowsnode.io/managed=true", "kubernetes.io/cluster/prod=owned"], notOwned["win-untagged"]);
        Assert.Equal(["kubernetes.io/cluster/prod=owned"], notOwned["win-staging"]);
        Assert.Equal(2, notOwned.Count);

        // The owned group's template is pinned first; the others' nodes, older still, are neither due nor counted.
        Assert.Equal("win-a", Assert.IsType<UpdateLaunchTemplate>(plan.Action).Group);
        Assert.Equal(1, plan.Counts.Total);
        Assert.All(plan.Nodes.Where(n => n.Name != "a-1"), n => Assert.True(n.Unmanaged && !n.Expired && !n.Drifted));
    }

    [Fact]
    public void The_message_names_the_group_and_each_missing_tag()
    {
        var group = ThreeGroups().Plan().NotOwnedGroups!.Single(g => g.Name == "win-untagged");

        Assert.Equal(
            "Auto Scaling group win-untagged lacks the ownership tag(s) windowsnode.io/managed=true and kubernetes.io/cluster/prod=owned: "
            + "the operator leaves it alone; tag it, or leave it out of the policy",
            group.Message);
    }

    [Fact]
    public void A_managed_tag_of_another_value_is_no_ownership()
    {
        var fleet = new Fleet { Ownership = new GroupOwnership("prod") }
            .Group("win-a", OldAmi, g => g with { Tags = new Dictionary<string, string>(Owned) { ["windowsnode.io/managed"] = "false" } })
            .Node("a-1", "win-a", Days(50), OldAmi);

        var plan = fleet.Plan();

        Assert.Equal(["windowsnode.io/managed=true"], Assert.Single(plan.NotOwnedGroups!).MissingTags);
        Assert.IsType<NoAction>(plan.Action);
    }

    [Fact]
    public void Without_a_cluster_name_the_snapshot_checks_no_tags()
    {
        var fleet = ThreeGroups();
        fleet.Ownership = null;

        var plan = fleet.Plan();

        Assert.Empty(plan.NotOwnedGroups!);
        Assert.Equal(3, plan.Groups.Count);
    }
}
