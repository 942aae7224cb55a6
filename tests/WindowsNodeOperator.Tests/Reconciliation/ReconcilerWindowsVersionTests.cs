using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>The look reads each group's Windows version and one SSM parameter per distinct version, not per group.</summary>
public sealed class ReconcilerWindowsVersionTests
{
    private const string Param2022 = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";
    private const string Param2019 = "/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-EKS_Optimized-1.31/image_id";

    /// <summary>win-a on 2022 (the world's default), win-b and win-c on 2019 Core.</summary>
    private static ReconcilerWorld World()
    {
        var world = new ReconcilerWorld();
        foreach (var (group, template) in new[] { ("win-b", "lt-2"), ("win-c", "lt-3") })
        {
            world.Groups[group] = new AutoScalingGroup(group, 0, 10, 0, new LaunchTemplateRef(template, group, "1"), ReconcilerWorld.OwnedTags(), []);
            world.TemplateImages[(template, "1")] = "ami-old-2019";
        }

        world.ImageNames["ami-old-2019"] = "Windows_Server-2019-English-Core-EKS_Optimized-1.31-2026.02.11";
        world.ImageNames["ami-new-2019"] = "Windows_Server-2019-English-Core-EKS_Optimized-1.31-2026.03.01";
        world.Policy.Spec.AutoScalingGroups.Names = [ReconcilerWorld.Group, "win-b", "win-c"];
        world.Amis.Setup(a => a.GetLatestAsync(Param2019, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AmiRelease(Param2019, "ami-new-2019", "new 2019", ReconcilerWorld.T0 - TimeSpan.FromDays(10), ReconcilerWorld.T0));
        world.AddNode("a1", TimeSpan.FromDays(1), ReconcilerWorld.OldAmi);
        world.AddNode("b1", TimeSpan.FromDays(1), "ami-old-2019", group: "win-b");
        world.AddNode("c1", TimeSpan.FromDays(1), "ami-old-2019", group: "win-c");
        return world;
    }

    [Fact]
    public async Task Without_a_version_each_distinct_version_is_read_once_and_each_group_pinned_to_its_own()
    {
        var world = World();
        world.Policy.Spec.Ami.WindowsVersion = null;

        await world.ReconcileAsync();

        world.Amis.Verify(a => a.GetLatestAsync(Param2022, It.IsAny<CancellationToken>()), Times.Once);
        world.Amis.Verify(a => a.GetLatestAsync(Param2019, It.IsAny<CancellationToken>()), Times.Once);
        world.Amis.Verify(a => a.GetLatestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        // The groups' template images are named in one call; a refresh start asks again for its own group's (RollbackImageCheck),
        // which the catalog answers from its cache.
        world.Amis.Verify(a => a.GetImageNamesAsync(It.Is<IReadOnlyCollection<string>>(ids => ids.Count > 1), It.IsAny<CancellationToken>()), Times.Once);

        // One action a look: the first group's template, to its own version's newest AMI; the next looks take the others.
        await world.ReconcileAsync();
        await world.ReconcileAsync();
        Assert.Equal(
            ["CreateLaunchTemplateVersion:" + ReconcilerWorld.NewAmi, "CreateLaunchTemplateVersion:ami-new-2019", "CreateLaunchTemplateVersion:ami-new-2019"],
            world.Calls.Where(c => c.StartsWith("CreateLaunchTemplateVersion", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_named_version_reports_each_group_on_another_version_and_leaves_it_alone()
    {
        var world = World();

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal((DegradedReasons.WindowsVersionMismatch, "True"), (degraded.Reason, degraded.Status));
        Assert.Contains("group win-b runs Windows Server 2019 but spec.ami.windowsVersion is 2022", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("group win-c runs Windows Server 2019 but spec.ami.windowsVersion is 2022", degraded.Message, StringComparison.Ordinal);
        Assert.Equal(["CreateLaunchTemplateVersion:" + ReconcilerWorld.NewAmi], world.Calls.Where(c => c.StartsWith("CreateLaunchTemplateVersion", StringComparison.Ordinal)));
        world.Amis.Verify(a => a.GetLatestAsync(Param2019, It.IsAny<CancellationToken>()), Times.Never);
    }
}
