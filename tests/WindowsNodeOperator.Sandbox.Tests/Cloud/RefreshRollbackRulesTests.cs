using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>
/// Rollbacks and what a refresh with a desired configuration holds: RollbackDetails as snapshots of the rollback's start, a
/// rollback cancelled, UpdateAutoScalingGroup refused on the group's launch configuration, AutoRollback refused for a
/// group that cannot be rolled back to.
/// </summary>
public sealed class RefreshRollbackRulesTests
{
    private readonly CloudHarness _h = new();

    /// <summary>Four instances, a refresh to version 2 waiting at its 50 % checkpoint: two replaced, two to go.</summary>
    private void RefreshedHalfway()
    {
        _h.CreateGroup(4, hooks: false, warmup: 0);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 75, CheckpointPercentages = [50, 100], CheckpointDelay = 3600 }));
        _h.RunUntil(() => _h.Refresh().StatusReason?.StartsWith("Waiting at checkpoint 50%", StringComparison.Ordinal) == true, TimeSpan.FromHours(1));
        Assert.Equal((50, 2), (_h.Refresh().PercentageComplete, _h.Refresh().InstancesToUpdate));
    }

    [Fact]
    public void Rollback_details_are_the_values_when_the_rollback_started_not_live_ones()
    {
        RefreshedHalfway();
        var startedAt = _h.Time.GetUtcNow();

        _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group);
        var seen = new List<RollbackDetails>();
        var percentages = new List<int>();
        _h.RunUntil(
            () => CloudHarness.IsOver(_h.Refresh().Status),
            TimeSpan.FromHours(1),
            _ =>
            {
                seen.Add(_h.Refresh().RollbackDetails!);
                percentages.Add(_h.Refresh().PercentageComplete);
            });

        // PercentageComplete falls back toward zero as the new instances are replaced; the details never move.
        var expected = new RollbackDetails("The rollback was started by a RollbackInstanceRefresh request.", startedAt, 50, 2);
        Assert.All(seen, d => Assert.Equal(expected, d));
        Assert.Contains(percentages, p => p is > 0 and < 50);
        Assert.Equal(0, percentages[^1]);
        var refresh = _h.Refresh();
        Assert.Equal((InstanceRefreshStatus.RollbackSuccessful, expected), (refresh.Status, refresh.RollbackDetails));
    }

    [Fact]
    public void A_rollback_can_be_cancelled_it_finishes_its_batch_then_ends_Cancelled()
    {
        RefreshedHalfway();
        _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group);
        _h.Advance(TimeSpan.FromSeconds(10));
        var leaving = _h.Describe().Instances.Count(i => i.LifecycleState != LifecycleState.InService);
        Assert.True(leaving > 0, "the rollback's first batch is under way");

        var id = _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group);

        Assert.Equal((id, InstanceRefreshStatus.Cancelling), (_h.Refresh().InstanceRefreshId, _h.Refresh().Status));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));
        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.Cancelled, refresh.Status);
        Assert.NotNull(refresh.EndTime);
        Assert.Equal(2, refresh.RollbackDetails!.InstancesToUpdateOnRollback);

        // The batch in flight finished; the rest of what the refresh deployed stays, and the group's own configuration is as before.
        var group = _h.Describe();
        Assert.Equal("1", group.LaunchTemplate.Version);
        Assert.Equal(4, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
        Assert.Contains(group.Instances, i => i.LaunchTemplate.Version == "2");
        Assert.Contains(group.Instances, i => i.LaunchTemplate.Version == "1");
        var again = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group));
        Assert.Equal("ActiveInstanceRefreshNotFound", again.ErrorCode);
    }

    [Fact]
    public void Cancelled_without_waiting_for_transitioning_instances_the_refresh_ends_at_once_and_the_instances_finish_alone()
    {
        _h.CreateGroup(4, hooks: false, warmup: 0);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(_h.Version(version.VersionNumber)), new RefreshPreferences { MinHealthyPercentage = 75 }));
        _h.Advance(TimeSpan.FromSeconds(10));
        Assert.Contains(_h.Describe().Instances, i => i.LifecycleState != LifecycleState.InService);

        _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group, waitForTransitioningInstances: false);
        _h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(InstanceRefreshStatus.Cancelled, _h.Refresh().Status);
        Assert.Contains(_h.Describe().Instances, i => i.LifecycleState != LifecycleState.InService);
        _h.RunUntil(() => _h.Describe().Instances.All(i => i.LifecycleState == LifecycleState.InService), TimeSpan.FromMinutes(30));
        Assert.Equal(4, _h.Describe().Instances.Count);
        Assert.Equal("1", _h.Describe().LaunchTemplate.Version);
    }

    [Fact]
    public void What_a_group_launches_cannot_change_under_a_refresh_with_a_desired_configuration_its_sizes_can()
    {
        RefreshedHalfway();
        var policy = new MixedInstancesPolicy(_h.Version(1), [new LaunchTemplateOverrides("m6i.xlarge")]);

        var template = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, _h.Version(2)));
        var mixed = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, mixedInstancesPolicy: policy));
        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, maxSize: 9);

        Assert.All([template, mixed], e => Assert.Equal(("ValidationError", SimulatedAutoScaling.ActiveDesiredConfigurationMessage), (e.ErrorCode, e.Message)));
        Assert.Equal((9, "1"), (_h.Describe().MaxSize, _h.Describe().LaunchTemplate.Version));

        // Still held while it rolls back; free once it has ended.
        _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group);
        Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, _h.Version(2)));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));
        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, mixedInstancesPolicy: policy);
        Assert.Equal(policy.Overrides, _h.Describe().MixedInstancesPolicy!.Overrides);
    }

    [Fact]
    public void A_refresh_without_a_desired_configuration_leaves_the_launch_template_free()
    {
        _h.CreateGroup(2, hooks: false);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group));

        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, _h.Version(version.VersionNumber));

        Assert.Equal("2", _h.Describe().LaunchTemplate.Version);
    }

    [Theory]
    [InlineData(LaunchTemplateSpecification.Latest)]
    [InlineData(LaunchTemplateSpecification.Default)]
    [InlineData("ssm")]
    public void AutoRollback_is_refused_for_a_group_that_could_not_be_rolled_back_to(string current)
    {
        _h.CreateGroup(2, hooks: false);
        var target = _h.NewVersion();
        var on = current == "ssm"
            ? _h.Version(_h.Cloud.Ec2.CreateLaunchTemplateVersion(_h.Version(1), "1", "resolve:ssm:/windows/ami-id").VersionNumber)
            : _h.Version(1) with { Version = current };
        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, on);
        var request = new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(_h.Version(target.VersionNumber)), new RefreshPreferences { AutoRollback = true });

        var refused = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.StartInstanceRefresh(request));

        Assert.Equal(("IrreversibleInstanceRefresh", 400), (refused.ErrorCode, refused.StatusCode));
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
        _h.Cloud.AutoScaling.StartInstanceRefresh(request with { Preferences = new RefreshPreferences { AutoRollback = false } });
        var manual = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group));
        Assert.Equal("IrreversibleInstanceRefresh", manual.ErrorCode);
    }
}
