using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>A group with a mixed instances policy: what it reports, what a refresh launches, and what its success writes back.</summary>
public sealed class MixedInstancesRefreshTests
{
    private static readonly InstancesDistribution Distribution = new("prioritized", 2, 50, "price-capacity-optimized");

    private readonly CloudHarness _h = new();

    private MixedInstancesPolicy Policy(int version, InstancesDistribution? distribution = null) => new(
        _h.Version(version),
        [new LaunchTemplateOverrides("m6i.xlarge"), new LaunchTemplateOverrides("m5.xlarge"), new LaunchTemplateOverrides("m5a.xlarge")],
        distribution ?? Distribution);

    [Fact]
    public void A_mixed_group_reports_its_policy_named_with_the_distributions_defaults_and_launches_the_first_override()
    {
        _h.CreateGroup(3, hooks: false, mixed: new MixedInstancesPolicy(_h.Version(1), [new LaunchTemplateOverrides("m6a.xlarge", "1"), new LaunchTemplateOverrides("m6i.xlarge", "1")]));

        var group = _h.Describe();

        Assert.Equal(new LaunchTemplateSpecification(_h.Template.LaunchTemplateId, "eks-windows-a-nodes", "1"), group.MixedInstancesPolicy!.LaunchTemplateSpecification);
        Assert.Equal(group.MixedInstancesPolicy.LaunchTemplateSpecification, group.LaunchTemplate);
        Assert.Equal(["m6a.xlarge", "m6i.xlarge"], group.MixedInstancesPolicy.Overrides.Select(o => o.InstanceType));
        Assert.Equal(new InstancesDistribution("prioritized", 0, 100, "lowest-price", 2), group.MixedInstancesPolicy.InstancesDistribution);
        Assert.All(group.Instances, i => Assert.Equal(("m6a.xlarge", "1"), (i.InstanceType, i.LaunchTemplate.Version)));
    }

    [Fact]
    public void A_refresh_to_the_policy_at_a_new_version_keeps_the_overrides_and_distribution_once_it_succeeds()
    {
        _h.CreateGroup(4, mixed: Policy(1));
        var version = _h.NewVersion();
        var desired = Policy(version.VersionNumber);

        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(null, desired), new RefreshPreferences { MinHealthyPercentage = 75, SkipMatching = true }));
        var seenWhileRunning = new List<MixedInstancesPolicy?>();
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2), g => seenWhileRunning.Add(CloudHarness.IsOver(_h.Refresh().Status) ? null : g.MixedInstancesPolicy));

        var group = _h.Describe();
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.Equal(desired with { LaunchTemplateSpecification = desired.LaunchTemplateSpecification with { LaunchTemplateName = "eks-windows-a-nodes" } }, group.MixedInstancesPolicy);
        Assert.All(group.Instances, i => Assert.Equal(("m6i.xlarge", version.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)), (i.InstanceType, i.LaunchTemplate.Version)));
        Assert.All(_h.Cloud.Ec2.DescribeInstances([.. group.Instances.Select(i => i.InstanceId)]), i => Assert.Equal(_h.NewImage, i.ImageId));

        // Until it succeeded the group kept its configuration: only success writes the desired one.
        Assert.NotEmpty(seenWhileRunning.OfType<MixedInstancesPolicy>());
        Assert.All(seenWhileRunning.OfType<MixedInstancesPolicy>(), p => Assert.Equal("1", p.LaunchTemplateSpecification.Version));
    }

    [Fact]
    public void A_refresh_to_a_launch_template_alone_replaces_the_mixed_instances_policy_when_it_succeeds()
    {
        _h.CreateGroup(4, mixed: Policy(1));
        var version = _h.NewVersion();

        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(_h.Version(version.VersionNumber)), new RefreshPreferences { MinHealthyPercentage = 75, SkipMatching = true }));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var group = _h.Describe();
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.Null(group.MixedInstancesPolicy);
        Assert.Equal(_h.Version(version.VersionNumber) with { LaunchTemplateName = "eks-windows-a-nodes" }, group.LaunchTemplate);

        // The overrides went with the policy: the new instances run the template's own instance type.
        Assert.All(group.Instances, i => Assert.Equal("m5.xlarge", i.InstanceType));
    }

    [Fact]
    public void A_refresh_that_rolls_back_leaves_the_policy_and_relaunches_through_it()
    {
        _h.CreateGroup(4, heartbeat: 300, mixed: Policy(1));
        var version = _h.NewVersion(bad: true);

        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(null, Policy(version.VersionNumber)), new RefreshPreferences { MinHealthyPercentage = 75, AutoRollback = true }));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var group = _h.Describe();
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, _h.Refresh().Status);
        Assert.Equal("1", group.MixedInstancesPolicy!.LaunchTemplateSpecification.Version);
        Assert.Equal(3, group.MixedInstancesPolicy.Overrides.Count);
        Assert.All(group.Instances, i => Assert.Equal(("m6i.xlarge", "1"), (i.InstanceType, i.LaunchTemplate.Version)));
    }

    [Fact]
    public void Skip_matching_against_a_policy_skips_instances_of_an_override_type_on_its_version_and_replaces_the_others()
    {
        _h.CreateGroup(3, hooks: false);
        var before = _h.Describe().Instances.Select(i => i.InstanceId).ToHashSet();

        // The plain group's instances run m5.xlarge from version 1: they match a policy on version 1 that allows m5.xlarge.
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(null, Policy(1)), new RefreshPreferences { SkipMatching = true }));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));
        Assert.Equal(before, _h.Describe().Instances.Select(i => i.InstanceId).ToHashSet());
        Assert.NotNull(_h.Describe().MixedInstancesPolicy);

        // A policy that no longer allows m5.xlarge replaces them all.
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(null, new MixedInstancesPolicy(_h.Version(1), [new LaunchTemplateOverrides("m6i.xlarge")])),
            new RefreshPreferences { SkipMatching = true }));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.All(_h.Describe().Instances, i => Assert.True(!before.Contains(i.InstanceId) && i.InstanceType == "m6i.xlarge", $"{i.InstanceId} {i.InstanceType}"));
    }

    [Fact]
    public void A_desired_configuration_names_a_launch_template_or_a_policy_and_a_policy_weighs_all_its_types_or_none()
    {
        _h.CreateGroup(2, hooks: false, mixed: Policy(1));

        SimulatedAwsException Start(DesiredConfiguration desired) => Assert.Throws<SimulatedAwsException>(() =>
            _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group, desired)));

        Assert.Equal("ValidationError", Start(new DesiredConfiguration(_h.Version(1), Policy(1))).ErrorCode);
        Assert.Equal("ValidationError", Start(new DesiredConfiguration(null, null)).ErrorCode);
        Assert.Contains(
            "WeightedCapacity",
            Start(new DesiredConfiguration(null, new MixedInstancesPolicy(_h.Version(1), [new("m6i.xlarge", "2"), new("m5.xlarge")]))).Message,
            StringComparison.Ordinal);
        Assert.Equal(
            "InvalidLaunchTemplateId.NotFound",
            Start(new DesiredConfiguration(null, new MixedInstancesPolicy(_h.Version(1), [new("m6i.xlarge", null, new LaunchTemplateSpecification("lt-00000000000000000", null, "1"))]))).ErrorCode);
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
    }
}
