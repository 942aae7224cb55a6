using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>Groups with a mixed instances policy: refreshed with the policy as desired configuration, or left alone when it cannot be carried.</summary>
public sealed class MixedInstancesReconcilerTests
{
    private static readonly InstancesDistribution Spot = new("prioritized", 1, 50, "price-capacity-optimized", null, null);

    private static ReconcilerWorld World(params LaunchTemplateOverride[] overrides)
    {
        var world = new ReconcilerWorld();
        var template = new LaunchTemplateRef("lt-1", "win", "1");
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with
        {
            MixedInstancesPolicy = new MixedInstancesPolicy(template, overrides, Spot),
        };
        return world;
    }

    [Fact]
    public async Task Drift_in_a_mixed_group_starts_a_refresh_whose_desired_configuration_is_the_groups_policy_at_the_pinned_version()
    {
        var world = World(new LaunchTemplateOverride("m6i.xlarge"), new LaunchTemplateOverride("m5.xlarge", "2"));
        var policy = world.Groups[ReconcilerWorld.Group].MixedInstancesPolicy!;
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);
        InstanceRefreshRequest? sent = null;
        world.AutoScaling.Setup(a => a.StartInstanceRefreshAsync(It.IsAny<InstanceRefreshRequest>(), It.IsAny<CancellationToken>()))
            .Callback((InstanceRefreshRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(RefreshStart.Started("refresh-1"));

        await world.ReconcileAsync();

        Assert.NotNull(sent);
        Assert.Equal(new LaunchTemplateRef("lt-1", "win", "2"), sent!.DesiredLaunchTemplate);
        Assert.Same(policy, sent.MixedInstancesPolicy);
        Assert.Equal(["m6i.xlarge", "m5.xlarge"], sent.MixedInstancesPolicy!.Overrides.Select(o => o.InstanceType));
        Assert.Equal(Spot, sent.MixedInstancesPolicy.Distribution);
        Assert.NotEqual(DegradedReasons.UnsupportedMixedInstancesPolicy, world.Condition(WindowsNodePolicyConditions.Degraded).Reason);
    }

    [Fact]
    public async Task An_override_with_its_own_launch_template_leaves_the_group_alone_and_says_so_once()
    {
        var world = World(new LaunchTemplateOverride("g4dn.xlarge", null, new LaunchTemplateRef("lt-gpu", "win-gpu", "3")), new LaunchTemplateOverride("m5.xlarge"));
        world.AddNode("n1", TimeSpan.FromDays(50), ReconcilerWorld.OldAmi);

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        // No hook, no template version, no refresh, no replacement: the group is the user's to fix.
        Assert.Empty(world.Calls);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(("True", DegradedReasons.UnsupportedMixedInstancesPolicy), (degraded.Status, degraded.Reason));
        Assert.Contains($"group {ReconcilerWorld.Group}", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("(g4dn.xlarge on lt-gpu)", degraded.Message, StringComparison.Ordinal);
        var warning = Assert.Single(world.Recorded, e => e.Reason == EventReasons.UnsupportedMixedInstancesPolicy);
        Assert.Equal(("Warning", degraded.Message), (warning.Type, warning.Note));
        Assert.Equal("False", world.Condition(WindowsNodePolicyConditions.Ready).Status);
    }

    [Fact]
    public async Task Overrides_by_instance_requirements_leave_the_group_alone_naming_what_a_refresh_would_drop()
    {
        var world = World(new LaunchTemplateOverride(null, null));
        world.Groups[ReconcilerWorld.Group] = world.Groups[ReconcilerWorld.Group] with
        {
            MixedInstancesPolicy = world.Groups[ReconcilerWorld.Group].MixedInstancesPolicy! with { Uncarried = ["Overrides[1].InstanceRequirements"] },
        };
        world.AddNode("n1", TimeSpan.FromDays(5), ReconcilerWorld.OldAmi);

        await world.ReconcileAsync();

        Assert.Empty(world.Calls);
        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.UnsupportedMixedInstancesPolicy, degraded.Reason);
        Assert.Contains("Overrides[1].InstanceRequirements", degraded.Message, StringComparison.Ordinal);
    }
}
