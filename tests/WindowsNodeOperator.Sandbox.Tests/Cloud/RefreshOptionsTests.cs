using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class RefreshOptionsTests(ITestOutputHelper output)
{
    private readonly CloudHarness _h = new();

    [Fact]
    public void Skip_matching_leaves_instances_already_on_the_desired_version_alone()
    {
        _h.CreateGroup(2, hooks: false, warmup: 0);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.UpdateAutoScalingGroup(CloudHarness.Group, _h.Version(version.VersionNumber), desiredCapacity: 4);
        _h.Advance(TimeSpan.FromMinutes(5));
        var onNew = _h.Describe().Instances.Where(i => i.LaunchTemplate.Version == "2").Select(i => i.InstanceId).ToList();
        Assert.Equal(2, onNew.Count);

        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { SkipMatching = true, MinHealthyPercentage = 50 }));
        Assert.Equal(2, _h.Refresh().InstancesToUpdate);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        var group = _h.Describe();
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.Equal(4, group.Instances.Count);
        Assert.All(onNew, id => Assert.Contains(group.Instances, i => i.InstanceId == id));
        Assert.All(group.Instances, i => Assert.Equal("2", i.LaunchTemplate.Version));
    }

    [Fact]
    public void Without_skip_matching_every_instance_is_replaced()
    {
        _h.CreateGroup(3, hooks: false, warmup: 0);
        var before = _h.Describe().Instances.Select(i => i.InstanceId).ToList();

        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group));
        Assert.Equal(3, _h.Refresh().InstancesToUpdate);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.DoesNotContain(_h.Describe().Instances, i => before.Contains(i.InstanceId));
    }

    [Fact]
    public void Max_healthy_above_100_launches_replacements_before_terminating()
    {
        _h.CreateGroup(4, hooks: false, warmup: 60);
        var version = _h.NewVersion();
        var old = _h.Describe().Instances.Select(i => i.InstanceId).ToHashSet();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 100, MaxHealthyPercentage = 150 }));

        var minInService = int.MaxValue;
        var maxMembers = 0;
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1), group =>
        {
            minInService = Math.Min(minInService, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
            maxMembers = Math.Max(maxMembers, group.Instances.Count(i => !i.LifecycleState.IsLeaving()));
        });

        var timeline = _h.Cloud.Timeline();
        timeline.ToList().ForEach(e => output.WriteLine(e.ToString()));
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.Equal(4, minInService);
        Assert.Equal(6, maxMembers);
        Assert.Equal(2, timeline.Count(e => e.What.StartsWith("batch of 2:", StringComparison.Ordinal) && e.What.EndsWith("(launching 2 first)", StringComparison.Ordinal)));

        // No old instance began terminating before the first replacements had been InService for the whole warm-up.
        var firstInService = timeline.Where(e => e.What == "InService" && !old.Contains(e.Subject)).Min(e => e.Time);
        var firstTermination = timeline.Where(e => old.Contains(e.Subject) && e.What.StartsWith("Terminating", StringComparison.Ordinal)).Min(e => e.Time);
        Assert.Equal(firstInService + TimeSpan.FromSeconds(60), firstTermination);
    }

    [Fact]
    public void A_second_refresh_while_one_is_active_is_refused()
    {
        _h.CreateGroup(2, hooks: false);
        var first = _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group));

        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group)));

        Assert.Equal(("InstanceRefreshInProgress", 400), (error.ErrorCode, error.StatusCode));
        Assert.Single(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
        Assert.Equal(first, _h.Refresh().InstanceRefreshId);
    }

    [Fact]
    public void Cancel_finishes_the_batch_in_flight_then_stops_without_changing_the_group()
    {
        _h.CreateGroup(10, hooks: true, warmup: 60);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 80 }));
        _h.Advance(TimeSpan.FromSeconds(20));

        var id = _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group);
        Assert.Equal(InstanceRefreshStatus.Cancelling, _h.Refresh().Status);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        var refresh = _h.Refresh();
        Assert.Equal((id, InstanceRefreshStatus.Cancelled), (refresh.InstanceRefreshId, refresh.Status));
        Assert.Equal(20, refresh.PercentageComplete);
        var group = _h.Describe();
        Assert.Equal("1", group.LaunchTemplate.Version);
        Assert.Equal(2, group.Instances.Count(i => i.LaunchTemplate.Version == "2"));
        Assert.Equal(10, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
        var again = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group));
        Assert.Equal("ActiveInstanceRefreshNotFound", again.ErrorCode);
    }

    [Fact]
    public void Manual_rollback_replaces_what_the_refresh_deployed()
    {
        _h.CreateGroup(4, hooks: false, warmup: 0);
        var version = _h.NewVersion();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 50, CheckpointPercentages = [50, 100], CheckpointDelay = 3600 }));
        _h.RunUntil(() => _h.Refresh().StatusReason?.StartsWith("Waiting at checkpoint 50%", StringComparison.Ordinal) == true, TimeSpan.FromHours(1));
        Assert.Equal(2, _h.Describe().Instances.Count(i => i.LaunchTemplate.Version == "2"));

        _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group);
        Assert.Equal((InstanceRefreshStatus.RollbackInProgress, 2), (_h.Refresh().Status, _h.Refresh().RollbackDetails!.InstancesToUpdateOnRollback));
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, refresh.Status);
        Assert.Equal(0, refresh.PercentageComplete);
        Assert.Equal((50, 2), (refresh.RollbackDetails!.PercentageCompleteOnRollback, refresh.RollbackDetails.InstancesToUpdateOnRollback));
        Assert.All(_h.Describe().Instances, i => Assert.Equal("1", i.LaunchTemplate.Version));
    }

    [Fact]
    public void Rollback_needs_a_desired_configuration()
    {
        _h.CreateGroup(2, hooks: false);
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(CloudHarness.Group));

        var manual = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.RollbackInstanceRefresh(CloudHarness.Group));
        _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));
        var auto = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.StartInstanceRefresh(
            new StartInstanceRefreshRequest(CloudHarness.Group, Preferences: new RefreshPreferences { AutoRollback = true })));

        Assert.Equal("IrreversibleInstanceRefresh", manual.ErrorCode);
        Assert.Equal("ValidationError", auto.ErrorCode);
    }

    [Theory]
    [InlineData(101, null)]
    [InlineData(90, 99)]
    [InlineData(50, 160)]
    public void Out_of_range_healthy_percentages_are_a_validation_error(int min, int? max)
    {
        _h.CreateGroup(2, hooks: false);

        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            Preferences: new RefreshPreferences { MinHealthyPercentage = min, MaxHealthyPercentage = max })));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
    }
}
