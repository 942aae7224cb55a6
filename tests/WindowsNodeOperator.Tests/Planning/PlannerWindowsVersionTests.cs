using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>Each group's Windows Server version and edition: read from its AMI and nodes, kept unless the policy may change it.</summary>
public sealed class PlannerWindowsVersionTests
{
    private const string Core2019Name = "Windows_Server-2019-English-Core-EKS_Optimized-1.31-2026.02.11";
    private const string Old2019 = "ami-old-2019";
    private const string New2019 = "ami-new-2019";
    private const string Build2019 = "10.0.17763";
    private const string Build2022 = "10.0.20348";
    private static readonly WindowsAmiFamily Core2019 = new(WindowsVersions.V2019, WindowsEdition.Core);

    /// <summary>win-a on 2022 (latest <see cref="NewAmi"/>), win-b on 2019 (latest <see cref="New2019"/>), both with drift.</summary>
    private static Fleet Mixed()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi)
            .Group("win-b", Old2019, g => g with { LaunchTemplateImageName = Core2019Name })
            .Node("a1", "win-a", Days(5), OldAmi, n => Label(n, WindowsVersions.BuildLabel, Build2022))
            .Node("b1", "win-b", Days(6), Old2019, n => Label(n, WindowsVersions.BuildLabel, Build2019));
        fleet.Spec.AutoScalingGroups.Names = ["win-a", "win-b"];
        fleet.FamilyAmis[Core2019] = new AmiFound(New2019, T0 - Days(9), T0);
        return fleet;
    }

    [Fact]
    public void Without_a_version_each_group_targets_the_newest_AMI_of_the_version_it_runs()
    {
        var plan = Mixed().Plan();

        var a = plan.Groups.Single(g => g.Name == "win-a");
        var b = plan.Groups.Single(g => g.Name == "win-b");
        Assert.Equal((NewAmi, Core2022), (a.TargetImageId, a.Family));
        Assert.Equal((New2019, Core2019), (b.TargetImageId, b.Family));
        Assert.Null(b.WindowsBlock);
        Assert.Equal(2, plan.Counts.Drifted);
    }

    [Fact]
    public void Without_a_version_the_2019_group_gets_its_own_newer_AMI_pinned_once_the_2022_group_is_done()
    {
        var fleet = Mixed().ChangeGroup("win-a", g => g with { LaunchTemplateImageId = NewAmi });
        fleet.Spec.Ami.SoakTime = "1d";

        var update = Assert.IsType<UpdateLaunchTemplate>(fleet.Plan().Action);

        Assert.Equal(("win-b", New2019), (update.Group, update.ImageId));
    }

    [Fact]
    public void A_named_version_without_the_opt_in_leaves_a_group_on_another_version_alone_and_says_both_versions()
    {
        var fleet = Mixed().ChangeGroup("win-a", g => g with { LaunchTemplateImageId = NewAmi });
        fleet.Spec.Ami.WindowsVersion = WindowsVersions.V2022;

        var plan = fleet.Plan();

        var b = plan.Groups.Single(g => g.Name == "win-b");
        Assert.Null(b.TargetImageId);
        var block = Assert.IsType<Wait>(b.WindowsBlock);
        Assert.Equal(WaitReason.WindowsVersionMismatch, block.Reason);
        Assert.Contains("group win-b runs Windows Server 2019 but spec.ami.windowsVersion is 2022", block.Message, StringComparison.Ordinal);
        Assert.Contains("allowWindowsVersionChange", block.Message, StringComparison.Ordinal);
        Assert.False(plan.Nodes.Single(n => n.Name == "b1").Drifted);

        // The 2022 group proceeds: its drifted node is refreshed; nothing is planned for win-b.
        var refresh = Assert.IsType<StartRefresh>(plan.Action);
        Assert.Equal(("win-a", NewAmi), (refresh.Group, refresh.TargetImageId));
    }

    [Fact]
    public void A_group_left_alone_for_its_version_is_the_wait_when_nothing_else_is_due()
    {
        var fleet = new Fleet()
            .Group("win-b", Old2019, g => g with { LaunchTemplateImageName = Core2019Name })
            .Node("b1", "win-b", Days(60), Old2019, n => Label(n, WindowsVersions.BuildLabel, Build2019));
        fleet.Spec.AutoScalingGroups.Names = ["win-b"];
        fleet.Spec.Ami.WindowsVersion = WindowsVersions.V2022;

        var wait = Assert.IsType<Wait>(fleet.Plan().Action);

        // Not even the expired node is replaced: the group is not the operator's to touch until the policy says.
        Assert.Equal(WaitReason.WindowsVersionMismatch, wait.Reason);
        Assert.Contains("win-b", wait.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_opt_in_a_named_version_migrates_the_group()
    {
        var fleet = Mixed().ChangeGroup("win-a", g => g with { LaunchTemplateImageId = NewAmi });
        fleet.Spec.Ami.WindowsVersion = WindowsVersions.V2022;
        fleet.Spec.Ami.AllowWindowsVersionChange = true;

        var plan = fleet.Plan();

        var b = plan.Groups.Single(g => g.Name == "win-b");
        Assert.Equal((NewAmi, Core2022), (b.TargetImageId, b.Family));
        var update = Assert.IsType<UpdateLaunchTemplate>(plan.Action);
        Assert.Equal(("win-b", NewAmi), (update.Group, update.ImageId));
    }

    [Fact]
    public void A_group_whose_version_cannot_be_told_is_left_alone_even_with_work_due()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with { LaunchTemplateImageName = "golden-windows-2026-02" })
            .Node("a1", "win-a", Days(60), OldAmi);

        var plan = fleet.Plan();

        var wait = Assert.IsType<Wait>(plan.Action);
        Assert.Equal(WaitReason.WindowsVersionUnknown, wait.Reason);
        Assert.Contains("golden", wait.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(plan.Groups).TargetImageId);
    }

    [Fact]
    public void A_custom_AMI_name_with_labelled_nodes_is_read_from_the_nodes()
    {
        var fleet = new Fleet()
            .Group("win-b", Old2019, g => g with { LaunchTemplateImageName = "golden-windows" })
            .Node("b1", "win-b", Days(5), Old2019, n => Label(n, WindowsVersions.BuildLabel, Build2019));
        fleet.Spec.AutoScalingGroups.Names = ["win-b"];
        fleet.FamilyAmis[Core2019] = new AmiFound(New2019, T0 - Days(9), T0);

        var target = Assert.Single(fleet.Plan().Groups);

        Assert.Equal((New2019, Core2019), (target.TargetImageId, target.Family));
    }

    [Fact]
    public void With_the_template_kept_by_the_user_no_version_is_needed()
    {
        var fleet = new Fleet()
            .Group("win-a", OldAmi, g => g with { LaunchTemplateImageName = null })
            .Node("a1", "win-a", Days(60), OldAmi);
        fleet.Spec.Ami.UpdateLaunchTemplate = false;

        var plan = fleet.Plan();

        Assert.IsType<ReplaceInstance>(plan.Action);
        Assert.Null(Assert.Single(plan.Groups).WindowsBlock);
    }

    [Fact]
    public void A_Full_group_keeps_its_edition_unless_the_policy_names_one()
    {
        var full2022 = new WindowsAmiFamily(WindowsVersions.V2022, WindowsEdition.Full);
        var fleet = new Fleet()
            .Group("win-a", "ami-old-full", g => g with { LaunchTemplateImageName = "Windows_Server-2022-English-Full-EKS_Optimized-1.31-2026.02.11" })
            .Node("a1", "win-a", Days(5), "ami-old-full");
        fleet.FamilyAmis[full2022] = new AmiFound("ami-new-full", T0 - Days(9), T0);

        Assert.Equal(("ami-new-full", full2022), (fleet.Plan().Groups[0].TargetImageId, fleet.Plan().Groups[0].Family));

        fleet.Spec.Ami.Edition = WindowsEdition.Core;
        Assert.Equal((NewAmi, Core2022), (fleet.Plan().Groups[0].TargetImageId, fleet.Plan().Groups[0].Family));
    }

    [Theory]
    [InlineData(Core2019Name, new[] { Build2019, Build2019 }, "2019", "Core")]
    [InlineData("Windows_Server-2022-English-Full-EKS_Optimized-1.31-2026.02.11", new string[0], "2022", "Full")]
    [InlineData("golden", new[] { Build2019 }, "2019", null)]
    [InlineData(Core2019Name, new[] { Build2022 }, null, "Core")]         // template pinned to 2022 behind the nodes' back, or the reverse
    [InlineData(Core2019Name, new[] { Build2019, Build2022 }, null, "Core")] // a migration half done
    [InlineData("golden", new[] { "10.0.19041" }, null, null)]             // a build of no Windows Server LTSC version
    [InlineData("golden", new string[0], null, null)]
    public void A_groups_version_comes_from_its_AMI_name_and_its_nodes_builds(string name, string[] builds, string? version, string? edition)
    {
        var group = new GroupFacts("g", new Dictionary<string, string>(), 1, 0, 2, null, "ami-1", null, null, LaunchTemplateImageName: name);

        var read = GroupWindows.Read(group, builds);

        Assert.Equal(version, read.Version);
        Assert.Equal(edition, read.Edition?.ToString());
        Assert.False(string.IsNullOrWhiteSpace(read.Evidence));
    }
}
