using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Engine;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>
/// How refreshes fail as on AWS: abandoned launches are replaced and retried, with growing delays, and the refresh fails
/// only after an hour without progress (then rolls back with AutoRollback); instances protected from scale in or in Standby
/// are waited for, left alone, or replaced as the preferences say.
/// </summary>
public sealed class RefreshFailureTests(ITestOutputHelper output)
{
    private readonly CloudHarness _h = new();

    private string Start(RefreshPreferences preferences, bool bad = false)
    {
        var version = _h.NewVersion(bad);
        return _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group, new DesiredConfiguration(_h.Version(version.VersionNumber)), preferences));
    }

    private List<Sandbox.Cloud.CloudEvent> Timeline(DateTimeOffset since)
    {
        var timeline = _h.Cloud.Timeline().Where(e => e.Time >= since).ToList();
        timeline.ForEach(e => output.WriteLine(e.ToString()));
        return timeline;
    }

    [Fact]
    public void A_refresh_cancelled_while_its_launches_are_abandoned_ends_Cancelled_never_Failed()
    {
        _h.CreateGroup(10, warmup: 120, heartbeat: 600);
        Start(new RefreshPreferences { MinHealthyPercentage = 90 }, bad: true);
        _h.RunUntil(() => _h.Refresh().StatusReason?.Contains("abandoned", StringComparison.Ordinal) == true, TimeSpan.FromHours(1));

        _h.Cloud.AutoScaling.CancelInstanceRefresh(CloudHarness.Group);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(3));

        Assert.Equal(InstanceRefreshStatus.Cancelled, _h.Refresh().Status);
        Assert.Equal(10, _h.Describe().Instances.Count(i => i.LifecycleState == LifecycleState.InService));
    }

    [Fact]
    public void Abandoned_launches_are_retried_ever_more_slowly_and_the_refresh_fails_an_hour_after_the_first_then_rolls_back()
    {
        _h.CreateGroup(10, warmup: 120, heartbeat: 600);
        var start = _h.Time.GetUtcNow();
        Start(new RefreshPreferences { MinHealthyPercentage = 90, AutoRollback = true }, bad: true);

        string? waiting = null;
        _h.RunUntil(
            () => CloudHarness.IsOver(_h.Refresh().Status),
            TimeSpan.FromHours(3),
            _ => waiting ??= _h.Refresh().StatusReason is { } r && r.StartsWith("Waiting", StringComparison.Ordinal) ? r : null);

        var timeline = Timeline(start);
        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, refresh.Status);

        // Each replacement sat in Pending:Wait for the hook's 10 minutes; Auto Scaling then terminated it and, after a
        // delay that doubles (30 s, 60 s, 2 min, 4 min, 8 min), launched the next. None failed the refresh by itself.
        var launches = timeline.Where(e => e.What.StartsWith("launched", StringComparison.Ordinal) && e.What.Contains(" v2 ", StringComparison.Ordinal))
            .Select(e => e.Time).ToList();
        var abandoned = timeline.Where(e => e.What.StartsWith("launch abandoned", StringComparison.Ordinal)).Select(e => e.Time).ToList();
        Assert.Equal(6, launches.Count);
        Assert.Equal(5, abandoned.Count);
        Assert.Equal(
            [30, 60, 120, 240, 480],
            abandoned.Zip(launches.Skip(1), (a, l) => (l - a).TotalSeconds));
        Assert.All(abandoned.Zip(launches), p => Assert.Equal(TimeSpan.FromMinutes(10), p.First - p.Second));
        Assert.StartsWith("Waiting for replacement instances to pass their health checks: 1 launch(es) abandoned", waiting, StringComparison.Ordinal);

        // It failed exactly an hour after the first abandoned launch, and rolled back.
        Assert.NotNull(refresh.RollbackDetails);
        Assert.Equal(abandoned[0] + RefreshEngine.NoProgressTimeout, refresh.RollbackDetails.RollbackStartTime);
        Assert.StartsWith("The instance refresh failed: for one hour no replacement instance passed its health checks (5 launch(es) abandoned",
            refresh.RollbackDetails.RollbackReason, StringComparison.Ordinal);
        var group = _h.Describe();
        Assert.Equal("1", group.LaunchTemplate.Version);
        Assert.Equal(10, group.Instances.Count);
        Assert.All(group.Instances, i => Assert.Equal(("1", LifecycleState.InService), (i.LaunchTemplate.Version, i.LifecycleState)));

        // The launches show in the scaling activities as AWS shows an abandoned lifecycle action.
        var activities = _h.Cloud.AutoScaling.DescribeScalingActivities(CloudHarness.Group).Where(a => a.StatusCode == "Cancelled").ToList();
        Assert.Equal(5, activities.Count);
        Assert.All(activities, a =>
        {
            Assert.Matches("^Instance failed to complete user's Lifecycle Action: Lifecycle Action with token [0-9a-f-]{36} was abandoned: Lifecycle Action Completed with ABANDON Result$", a.StatusMessage);
            Assert.EndsWith($".  Status Reason: {a.StatusMessage}", a.Description, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Without_auto_rollback_the_refresh_fails_after_the_hour_and_the_group_keeps_its_configuration()
    {
        _h.CreateGroup(4, heartbeat: 300);
        var start = _h.Time.GetUtcNow();
        Start(new RefreshPreferences { MinHealthyPercentage = 75 }, bad: true);

        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.Failed, refresh.Status);
        Assert.Equal(start + TimeSpan.FromMinutes(5) + RefreshEngine.NoProgressTimeout, refresh.EndTime);
        Assert.StartsWith("The instance refresh failed: for one hour no replacement instance passed its health checks", refresh.StatusReason, StringComparison.Ordinal);
        Assert.Null(refresh.RollbackDetails);
        Assert.Equal("1", _h.Describe().LaunchTemplate.Version);
    }

    [Fact]
    public void A_replacement_that_passes_within_the_hour_lets_the_refresh_go_on_to_success()
    {
        _h.CreateGroup(3, heartbeat: 300);
        _h.AnswerLaunchHook = false;
        var start = _h.Time.GetUtcNow();
        Start(new RefreshPreferences { MinHealthyPercentage = 66, AutoRollback = true });

        _h.RunUntil(() => _h.Time.GetUtcNow() >= start + TimeSpan.FromMinutes(40), TimeSpan.FromHours(1));
        Assert.StartsWith("Waiting for replacement instances", _h.Refresh().StatusReason, StringComparison.Ordinal);
        _h.AnswerLaunchHook = true;
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var timeline = Timeline(start);
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.True(timeline.Count(e => e.What.StartsWith("launch abandoned", StringComparison.Ordinal)) >= 3);
        Assert.Contains(timeline, e => e.What == "making progress again");
        Assert.All(_h.Describe().Instances, i => Assert.Equal("2", i.LaunchTemplate.Version));
    }

    [Fact]
    public void An_instance_protected_from_scale_in_is_waited_for_an_hour_under_Wait_and_fails_the_refresh_naming_it()
    {
        _h.CreateGroup(4, hooks: false, warmup: 0);
        var protectedId = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, [protectedId], true);
        var start = _h.Time.GetUtcNow();
        Start(new RefreshPreferences { MinHealthyPercentage = 75 });

        string? waiting = null;
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(3), _ => waiting ??= _h.Refresh().StatusReason);

        var timeline = Timeline(start);
        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.Failed, refresh.Status);
        Assert.Equal($"Waiting for instances protected from scale in to be unprotected (ScaleInProtectedInstances Wait). For example: {protectedId} is protected from scale in.", waiting);
        Assert.Equal($"The instance refresh failed: it waited one hour for instances protected from scale in: {protectedId}.", refresh.StatusReason);
        var stalled = timeline.Single(e => e.What.StartsWith("making no progress", StringComparison.Ordinal)).Time;
        Assert.Equal(stalled + RefreshEngine.NoProgressTimeout, refresh.EndTime);
        var group = _h.Describe();
        Assert.Equal(("1", true), group.Instances.Where(i => i.InstanceId == protectedId).Select(i => (i.LaunchTemplate.Version, i.ProtectedFromScaleIn)).Single());
        Assert.Equal(3, group.Instances.Count(i => i.LaunchTemplate.Version == "2"));
    }

    [Fact]
    public void Protection_removed_within_the_hour_lets_the_refresh_replace_the_instance()
    {
        _h.CreateGroup(3, hooks: false, warmup: 0);
        var protectedId = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, [protectedId], true);
        Start(new RefreshPreferences { MinHealthyPercentage = 66 });
        _h.RunUntil(() => _h.Refresh().StatusReason?.StartsWith("Waiting for instances protected", StringComparison.Ordinal) == true, TimeSpan.FromHours(1));

        _h.Advance(TimeSpan.FromMinutes(30));
        _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, [protectedId], false);
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.DoesNotContain(_h.Describe().Instances, i => i.InstanceId == protectedId);
    }

    [Theory]
    [InlineData(RefreshPreferences.Ignore, true)]
    [InlineData(RefreshPreferences.Refresh, false)]
    public void Ignore_leaves_a_protected_instance_and_Refresh_replaces_it(string preference, bool kept)
    {
        _h.CreateGroup(3, hooks: false, warmup: 0);
        var protectedId = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, [protectedId], true);
        Start(new RefreshPreferences { MinHealthyPercentage = 66, ScaleInProtectedInstances = preference });

        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        Assert.Equal(kept, _h.Describe().Instances.Any(i => i.InstanceId == protectedId));
        Assert.Equal(kept ? 2 : 3, _h.Describe().Instances.Count(i => i.LaunchTemplate.Version == "2"));
    }

    [Fact]
    public void An_instance_in_Standby_is_waited_for_under_Wait_and_fails_the_refresh_naming_it()
    {
        _h.CreateGroup(3, hooks: false, warmup: 0);
        var standby = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.EnterStandby(CloudHarness.Group, [standby], shouldDecrementDesiredCapacity: true);
        Start(new RefreshPreferences { MinHealthyPercentage = 50 });

        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var refresh = _h.Refresh();
        Assert.Equal(InstanceRefreshStatus.Failed, refresh.Status);
        Assert.Equal($"The instance refresh failed: it waited one hour for instances in Standby: {standby}.", refresh.StatusReason);
        Assert.Equal(LifecycleState.Standby, _h.Describe().Instances.Single(i => i.InstanceId == standby).LifecycleState);
    }

    [Theory]
    [InlineData(RefreshPreferences.Ignore)]
    [InlineData(RefreshPreferences.Terminate)]
    public void Ignore_leaves_a_Standby_instance_and_Terminate_ends_it(string preference)
    {
        _h.CreateGroup(3, hooks: false, warmup: 0);
        var standby = _h.Describe().Instances[0].InstanceId;
        _h.Cloud.AutoScaling.EnterStandby(CloudHarness.Group, [standby], shouldDecrementDesiredCapacity: true);
        Start(new RefreshPreferences { MinHealthyPercentage = 50, StandbyInstances = preference });

        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
        var group = _h.Describe();
        Assert.Equal(preference == RefreshPreferences.Ignore, group.Instances.Any(i => i.InstanceId == standby));
        Assert.Equal(2, group.DesiredCapacity);
        Assert.Equal(2, group.Instances.Count(i => i.LaunchTemplate.Version == "2" && i.LifecycleState == LifecycleState.InService));
    }

    [Fact]
    public void Standby_without_decrementing_launches_a_replacement_and_leaving_it_raises_the_capacity()
    {
        _h.CreateGroup(2, hooks: false);
        var standby = _h.Describe().Instances[0].InstanceId;

        _h.Cloud.AutoScaling.EnterStandby(CloudHarness.Group, [standby], shouldDecrementDesiredCapacity: false);
        _h.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((2, 3), (_h.Describe().DesiredCapacity, _h.Describe().Instances.Count));

        _h.Cloud.AutoScaling.ExitStandby(CloudHarness.Group, [standby]);
        Assert.Equal(3, _h.Describe().DesiredCapacity);
        Assert.Equal(3, _h.Describe().Instances.Count(i => i.LifecycleState == LifecycleState.InService));
    }

    [Fact]
    public void Scale_in_passes_protected_instances_by_and_protection_needs_an_instance_in_service()
    {
        _h.CreateGroup(3, hooks: false);
        var instances = _h.Describe().Instances.Select(i => i.InstanceId).ToList();
        _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, instances.Take(2).ToList(), true);

        _h.Cloud.AutoScaling.SetDesiredCapacity(CloudHarness.Group, 2);

        Assert.True(_h.Describe().Instances.Single(i => i.InstanceId == instances[2]).LifecycleState.IsLeaving());
        Assert.All(_h.Describe().Instances.Where(i => i.InstanceId != instances[2]), i => Assert.Equal(LifecycleState.InService, i.LifecycleState));
        var error = Assert.Throws<Sandbox.Cloud.Faults.SimulatedAwsException>(
            () => _h.Cloud.AutoScaling.SetInstanceProtection(CloudHarness.Group, [instances[2]], true));
        Assert.Equal($"The instance {instances[2]} is not in InService or EnteringStandby or Standby.", error.Message);
    }

    [Fact]
    public void Refreshes_and_scaling_activities_older_than_six_weeks_are_no_longer_described()
    {
        _h.CreateGroup(2, hooks: false, warmup: 0);
        var id = Start(new RefreshPreferences { MinHealthyPercentage = 50 });
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(1));

        _h.Advance(TimeSpan.FromDays(41));
        Assert.Equal(id, Assert.Single(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group)).InstanceRefreshId);
        Assert.NotEmpty(_h.Cloud.AutoScaling.DescribeScalingActivities(CloudHarness.Group));

        _h.Advance(TimeSpan.FromDays(1));
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group, id));
        Assert.Empty(_h.Cloud.AutoScaling.DescribeScalingActivities(CloudHarness.Group));
    }

    [Fact]
    public void Unknown_protected_and_standby_preferences_are_refused()
    {
        _h.CreateGroup(2, hooks: false);

        var error = Assert.Throws<Sandbox.Cloud.Faults.SimulatedAwsException>(() => Start(new RefreshPreferences { ScaleInProtectedInstances = "Sometimes" }));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
    }
}
