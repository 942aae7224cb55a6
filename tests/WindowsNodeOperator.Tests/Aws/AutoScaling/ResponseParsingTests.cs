using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class ResponseParsingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Reads_a_group_with_its_template_tags_instances_and_hooks()
    {
        using var harness = new AutoScalingHarness()
            .Answer("DescribeAutoScalingGroups", Samples.Groups(null, Samples.LaunchTemplateGroup))
            .Answer("DescribeLifecycleHooks", Samples.Hooks(
                Samples.HookWithNotification,
                Samples.Hook("eks-windows-a", "join", "autoscaling:EC2_INSTANCE_LAUNCHING", 600, "ABANDON")));

        var group = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct));

        Assert.Equal(("eks-windows-a", 2, 6, 3), (group.Name, group.MinSize, group.MaxSize, group.DesiredCapacity));
        Assert.Equal(new LaunchTemplateRef("lt-0a1b2c3d4e5f67890", "eks-windows-2022", "7"), group.LaunchTemplate);
        Assert.Equal("prod", group.Tags["eks:cluster-name"]);
        Assert.Equal("", group.Tags["windows-node-operator/managed"]);
        Assert.Equal(
            [
                new AutoScalingInstance("i-0123456789abcdef0", "eu-west-1a", "InService", "Healthy", "6", false),
                new AutoScalingInstance("i-0fedcba9876543210", "eu-west-1b", "Terminating:Wait", "Unhealthy", "7", true),
            ],
            group.Instances);
        var hooks = await harness.Adapter.DescribeLifecycleHooksAsync(group.Name, Ct);
        Assert.Equal(2, hooks.Count);
        var drain = hooks[0];
        Assert.Equal(("drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(15), LifecycleActionResult.Continue),
            (drain.Name, drain.Transition, drain.HeartbeatTimeout, drain.DefaultResult));
        Assert.Equal("arn:aws:sqs:eu-west-1:123456789012:windows-node-events", drain.NotificationTargetArn);
        Assert.Equal("arn:aws:iam::123456789012:role/asg-hook-publisher", drain.RoleArn);
        Assert.Equal("{\"cluster\":\"prod\"}", drain.NotificationMetadata);
        Assert.Equal(
            new LifecycleHook("eks-windows-a", "join", LifecycleTransition.InstanceLaunching, TimeSpan.FromMinutes(10), LifecycleActionResult.Abandon),
            hooks[1]);
    }

    [Fact]
    public async Task Takes_the_launch_template_of_a_mixed_instances_policy()
    {
        using var harness = new AutoScalingHarness()
            .Answer("DescribeAutoScalingGroups", Samples.Groups(null, Samples.MixedInstancesGroup))
            .Answer("DescribeLifecycleHooks", Samples.Hooks());

        var group = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-b"], Ct));

        Assert.Equal(new LaunchTemplateRef("lt-0b2c3d4e5f6a78901", "eks-windows-spot", "$Latest"), group.LaunchTemplate);
        Assert.Empty(group.Instances);
        Assert.Empty(group.Tags);
        Assert.Equal((0, 4, 0), (group.MinSize, group.MaxSize, group.DesiredCapacity));
    }

    [Fact]
    public async Task Reads_refreshes_with_progress_times_rollback_details_and_the_desired_launch_template()
    {
        using var harness = new AutoScalingHarness()
            .Answer("DescribeInstanceRefreshes", Samples.Refreshes(null, Samples.RefreshInProgress, Samples.RefreshRolledBack));

        var refreshes = await harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct);

        Assert.Equal(
            new InstanceRefresh(
                "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b", "eks-windows-a", InstanceRefreshStatus.InProgress,
                "Waiting for instances to warm up before continuing. For example: i-0645704820a8e83ff is warming up.",
                40, 3, new DateTimeOffset(2024, 7, 1, 9, 15, 30, TimeSpan.Zero), null, null,
                new LaunchTemplateRef("lt-0a1b2c3d4e5f67890", null, "8")),
            refreshes[0]);
        var rolledBack = refreshes[1];
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, rolledBack.Status);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 42, 7, TimeSpan.Zero), rolledBack.EndTime);
        Assert.Equal(
            new InstanceRefreshRollback(
                "Instance refresh failed: instance i-0ab1c2d3e4f5a6b7c failed its lifecycle hook.",
                new DateTimeOffset(2024, 6, 1, 9, 48, 12, TimeSpan.Zero), 50, 1),
            rolledBack.Rollback);
    }

    [Theory]
    [InlineData("Pending", "Pending")]
    [InlineData("Cancelling", "Cancelling")]
    [InlineData("Baking", "Baking")]
    [InlineData("RollbackFailed", "RollbackFailed")]
    [InlineData("SomethingNew", "Unknown")]
    [InlineData("Unknown", "Unknown")]
    public async Task Maps_every_refresh_status_and_keeps_new_ones_as_unknown(string wire, string expected)
    {
        using var harness = new AutoScalingHarness()
            .Answer("DescribeInstanceRefreshes", Samples.Refreshes(null, Samples.RefreshInProgress.Replace("<Status>InProgress</Status>", $"<Status>{wire}</Status>", StringComparison.Ordinal)));

        var refresh = Assert.Single(await harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct));

        Assert.Equal(Enum.Parse<InstanceRefreshStatus>(expected), refresh.Status);
    }

    [Fact]
    public async Task Returns_the_refresh_id_from_start_cancel_and_rollback()
    {
        using var harness = new AutoScalingHarness()
            .Answer("StartInstanceRefresh", Samples.StartInstanceRefresh)
            .Answer("CancelInstanceRefresh", Samples.CancelInstanceRefresh)
            .Answer("RollbackInstanceRefresh", Samples.RollbackInstanceRefresh);

        const string id = "08b91cf7-8fa6-48af-b6a6-d227f40f1b9b";
        Assert.Equal(id, (await harness.Adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), Ct)).RefreshId);
        Assert.Equal(id, (await harness.Adapter.CancelInstanceRefreshAsync("eks-windows-a", false, Ct)).RefreshId);
        Assert.Equal(RefreshRollback.RollingBack(id), await harness.Adapter.RollbackInstanceRefreshAsync("eks-windows-a", Ct));
    }

    [Fact]
    public async Task Reads_the_activity_of_a_termination()
    {
        using var harness = new AutoScalingHarness().Answer("TerminateInstanceInAutoScalingGroup", Samples.TerminateInstance);

        var activity = await harness.Adapter.TerminateInstanceInGroupAsync("i-0123456789abcdef0", true, Ct);

        Assert.Equal("cczc44a87-7d04-dbc6-1f5b-8a6e8e4f1b2c", activity.ActivityId);
        Assert.Equal("eks-windows-a", activity.GroupName);
        Assert.Equal("InProgress", activity.StatusCode);
        Assert.Equal("Terminating EC2 instance: i-0123456789abcdef0", activity.Description);
        Assert.StartsWith("At 2024-07-01T10:02:11Z", activity.Cause, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 10, 2, 11, 507, TimeSpan.Zero), activity.StartTime);
    }

    [Fact]
    public async Task Reads_the_latest_scaling_activities_with_their_status_messages_from_one_page_of_100()
    {
        using var harness = new AutoScalingHarness().Answer("DescribeScalingActivities", Samples.ScalingActivities);

        var activities = await harness.Adapter.DescribeScalingActivitiesAsync("eks-windows-a", Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal(("eks-windows-a", "100"), (request.Value("AutoScalingGroupName"), request.Value("MaxRecords")));
        Assert.Equal(2, activities.Count);
        var abandoned = activities[0];
        Assert.Equal(("Cancelled", new DateTimeOffset(2024, 7, 1, 10, 30, 31, TimeSpan.Zero)), (abandoned.StatusCode, abandoned.EndTime!.Value));
        Assert.StartsWith("Instance failed to complete user's Lifecycle Action", abandoned.StatusMessage, StringComparison.Ordinal);
        Assert.Equal("Failed", activities[1].StatusCode);
        Assert.Contains("sufficient m5.xlarge capacity", activities[1].StatusMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_the_empty_answers_of_hooks_and_lifecycle_actions()
    {
        using var harness = new AutoScalingHarness(request => RecordingHandler.Xml(Samples.Empty(request.Action)));
        var target = LifecycleActionTarget.ForInstance("eks-windows-a", "drain", "i-0123456789abcdef0");

        await harness.Adapter.PutLifecycleHookAsync(
            new LifecycleHook("eks-windows-a", "drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(15), LifecycleActionResult.Continue), Ct);
        await harness.Adapter.DeleteLifecycleHookAsync("eks-windows-a", "drain", Ct);
        await harness.Adapter.CompleteLifecycleActionAsync(target, LifecycleActionResult.Continue, Ct);
        await harness.Adapter.RecordLifecycleActionHeartbeatAsync(target, Ct);

        Assert.Equal(
            ["PutLifecycleHook", "DeleteLifecycleHook", "CompleteLifecycleAction", "RecordLifecycleActionHeartbeat"],
            harness.Requests.Select(r => r.Action));
    }
}
