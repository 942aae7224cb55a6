using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class AdapterTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Follows_next_tokens_with_at_most_a_hundred_records_a_page()
    {
        using var harness = new AutoScalingHarness()
            .Answer("DescribeAutoScalingGroups", Samples.Groups("token-1", Samples.LaunchTemplateGroup))
            .Answer("DescribeAutoScalingGroups", Samples.Groups(null, Samples.MixedInstancesGroup));

        var groups = await harness.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("eks:cluster-name", ["prod"])], Ct);

        Assert.Equal(["eks-windows-a", "eks-windows-b"], groups.Select(g => g.Name));
        var pages = harness.Requests.Where(r => r.Action == "DescribeAutoScalingGroups").ToList();
        Assert.Equal([null, "token-1"], pages.Select(p => p.Value("NextToken")));
        Assert.All(pages, p => Assert.Equal("100", p.Value("MaxRecords")));
        Assert.All(pages, p => Assert.Equal("tag:eks:cluster-name", p.Value("Filters.member.1.Name")));
        Assert.All(pages, p => Assert.Equal("prod", p.Value("Filters.member.1.Values.member.1")));
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task A_tag_filter_without_values_asks_for_the_key_alone()
    {
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups());

        await harness.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("windows-node-operator/managed", [])], Ct);

        var request = Assert.Single(harness.Requests);
        Assert.Equal("tag-key", request.Value("Filters.member.1.Name"));
        Assert.Equal("windows-node-operator/managed", request.Value("Filters.member.1.Values.member.1"));
    }

    [Fact]
    public async Task Never_describes_the_whole_account_by_accident()
    {
        using var harness = new AutoScalingHarness();

        Assert.Empty(await harness.Adapter.DescribeGroupsAsync([], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.DescribeGroupsByTagsAsync([], Ct));
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Splits_long_name_lists_into_calls_of_fifty()
    {
        using var harness = new AutoScalingHarness(_ => RecordingHandler.Xml(Samples.Groups()));
        var names = Enumerable.Range(1, 120).Select(i => $"group-{i}").ToList();

        await harness.Adapter.DescribeGroupsAsync([.. names, "group-1"], Ct);

        Assert.Equal([50, 50, 20], harness.Requests.Select(r => r.Form.Count(p => p.Key.StartsWith("AutoScalingGroupNames.member.", StringComparison.Ordinal))));
        Assert.Equal("group-120", harness.Requests[2].Value("AutoScalingGroupNames.member.20"));
    }

    [Fact]
    public async Task Marks_describes_heartbeats_and_hook_changes_safe_to_repeat_and_the_rest_not()
    {
        using var harness = ModelConformanceTests.EveryOperationHarness();
        var target = LifecycleActionTarget.ForToken("eks-windows-a", "drain", "token");

        await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct);
        await harness.Adapter.DescribeLifecycleHooksAsync("eks-windows-a", Ct);
        await harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct);
        await harness.Adapter.DescribeScalingActivitiesAsync("eks-windows-a", Ct);
        await harness.Adapter.RecordLifecycleActionHeartbeatAsync(target, Ct);
        await harness.Adapter.PutLifecycleHookAsync(
            new LifecycleHook("eks-windows-a", "drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(5), LifecycleActionResult.Continue), Ct);
        await harness.Adapter.DeleteLifecycleHookAsync("eks-windows-a", "drain", Ct);
        await harness.Adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), Ct);
        await harness.Adapter.CompleteLifecycleActionAsync(target, LifecycleActionResult.Continue, Ct);
        await harness.Adapter.TerminateInstanceInGroupAsync("i-0123456789abcdef0", false, Ct);
        await harness.Adapter.CancelInstanceRefreshAsync("eks-windows-a", false, Ct);
        await harness.Adapter.RollbackInstanceRefreshAsync("eks-windows-a", Ct);

        var marks = harness.Pipeline.Calls.GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.Select(c => c.SafeToRepeat).Distinct().Single());
        Assert.All(harness.Pipeline.Calls, c => Assert.Equal("autoscaling", c.Service));
        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["DescribeAutoScalingGroups"] = true,
                ["DescribeLifecycleHooks"] = true,
                ["DescribeInstanceRefreshes"] = true,
                ["DescribeScalingActivities"] = true,
                ["RecordLifecycleActionHeartbeat"] = true,
                ["PutLifecycleHook"] = true,
                ["DeleteLifecycleHook"] = true,
                ["StartInstanceRefresh"] = false,
                ["CompleteLifecycleAction"] = false,
                ["TerminateInstanceInAutoScalingGroup"] = false,
                ["CancelInstanceRefresh"] = false,
                ["RollbackInstanceRefresh"] = false,
            },
            marks);
    }

    [Fact]
    public async Task Refuses_requests_the_service_would_reject_before_sending_them()
    {
        using var harness = new AutoScalingHarness();
        var latest = new InstanceRefreshRequest("g", new LaunchTemplateRef("lt-1", null, LaunchTemplateRef.Latest), new InstanceRefreshPreferences());
        var noVersion = latest with { DesiredLaunchTemplate = new LaunchTemplateRef("lt-1", null, "") };

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.StartInstanceRefreshAsync(latest, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.StartInstanceRefreshAsync(noVersion, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.CompleteLifecycleActionAsync(
            new LifecycleActionTarget("g", "drain", "i-1", "token"), LifecycleActionResult.Continue, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.RecordLifecycleActionHeartbeatAsync(
            new LifecycleActionTarget("g", "drain", null, null), Ct));
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Sends_the_wire_values_of_hooks_actions_and_preferences()
    {
        using var harness = ModelConformanceTests.EveryOperationHarness();

        await harness.Adapter.PutLifecycleHookAsync(
            new LifecycleHook("g", "join", LifecycleTransition.InstanceLaunching, TimeSpan.FromMinutes(10), LifecycleActionResult.Abandon), Ct);
        await harness.Adapter.CompleteLifecycleActionAsync(LifecycleActionTarget.ForInstance("g", "join", "i-1"), LifecycleActionResult.Continue, Ct);
        await harness.Adapter.StartInstanceRefreshAsync(ModelConformanceTests.FullRefresh(), Ct);
        await harness.Adapter.TerminateInstanceInGroupAsync("i-1", true, Ct);

        var (put, complete, start, terminate) = (harness.Requests[0], harness.Requests[1], harness.Requests[2], harness.Requests[3]);
        Assert.Equal(("autoscaling:EC2_INSTANCE_LAUNCHING", "600", "ABANDON"), (put.Value("LifecycleTransition"), put.Value("HeartbeatTimeout"), put.Value("DefaultResult")));
        Assert.Equal(("CONTINUE", "i-1", null), (complete.Value("LifecycleActionResult"), complete.Value("InstanceId"), complete.Value("LifecycleActionToken")));
        Assert.Equal(
            [new("Preferences.CheckpointPercentages.member.1", "34"), new("Preferences.CheckpointPercentages.member.2", "67"), new("Preferences.CheckpointPercentages.member.3", "100")],
            start.Form.Where(p => p.Key.StartsWith("Preferences.CheckpointPercentages", StringComparison.Ordinal)));
        Assert.Equal(("600", "900", "300", "Wait", "Terminate", "Rolling"), (
            start.Value("Preferences.InstanceWarmup"), start.Value("Preferences.CheckpointDelay"), start.Value("Preferences.BakeTime"),
            start.Value("Preferences.ScaleInProtectedInstances"), start.Value("Preferences.StandbyInstances"), start.Value("Strategy")));
        Assert.Equal(("lt-0a1b2c3d4e5f67890", null, "8"), (
            start.Value("DesiredConfiguration.LaunchTemplate.LaunchTemplateId"),
            start.Value("DesiredConfiguration.LaunchTemplate.LaunchTemplateName"),
            start.Value("DesiredConfiguration.LaunchTemplate.Version")));
        Assert.Equal("true", terminate.Value("ShouldDecrementDesiredCapacity"));
    }
}
