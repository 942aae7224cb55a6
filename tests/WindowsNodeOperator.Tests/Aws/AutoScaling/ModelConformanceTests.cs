using System.Xml.Linq;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class ModelConformanceTests
{
    private static readonly ModelChecker Checker = new(BotocoreModel.AutoScaling);

    [Fact]
    public async Task Every_request_the_client_builds_uses_only_operations_and_members_of_the_model()
    {
        using var harness = EveryOperationHarness();
        await CallEveryOperationWithEveryOptionAsync(harness.Adapter);

        var problems = harness.Requests.SelectMany(r => Checker.CheckRequest(r.Form)).ToList();

        Assert.Empty(problems);
        Assert.Equal(
            [
                "CancelInstanceRefresh", "CompleteLifecycleAction", "DeleteLifecycleHook", "DescribeAutoScalingGroups",
                "DescribeInstanceRefreshes", "DescribeLifecycleHooks", "DescribeScalingActivities", "PutLifecycleHook", "RecordLifecycleActionHeartbeat",
                "RollbackInstanceRefresh", "StartInstanceRefresh", "TerminateInstanceInAutoScalingGroup",
            ],
            harness.Requests.Select(r => r.Action).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_refresh_with_every_preference_sends_each_of_them()
    {
        using var harness = EveryOperationHarness();
        await harness.Adapter.StartInstanceRefreshAsync(FullRefresh(), CancellationToken.None);

        var keys = harness.Requests.Single().Form.Select(p => p.Key).ToHashSet();
        var preferences = BotocoreModel.AutoScaling.Shape("RefreshPreferences")["members"]!.AsObject().Select(m => m.Key)
            .Where(m => m != "AlarmSpecification");
        Assert.All(preferences, p => Assert.Contains(keys, k => k.StartsWith($"Preferences.{p}", StringComparison.Ordinal)));
        Assert.Contains("DesiredConfiguration.LaunchTemplate.Version", keys);
    }

    [Theory]
    [InlineData("DescribeAutoScalingGroups")]
    [InlineData("DescribeLifecycleHooks")]
    [InlineData("StartInstanceRefresh")]
    [InlineData("DescribeInstanceRefreshes")]
    [InlineData("CancelInstanceRefresh")]
    [InlineData("RollbackInstanceRefresh")]
    [InlineData("PutLifecycleHook")]
    [InlineData("DeleteLifecycleHook")]
    [InlineData("CompleteLifecycleAction")]
    [InlineData("RecordLifecycleActionHeartbeat")]
    [InlineData("TerminateInstanceInAutoScalingGroup")]
    [InlineData("DescribeScalingActivities")]
    public void The_sample_answers_follow_the_output_shapes(string action)
    {
        var problems = Checker.CheckResponse(action, XDocument.Parse(SampleFor(action)).Root!);

        Assert.Empty(problems);
    }

    [Fact]
    public void The_checker_catches_members_lists_and_values_the_model_does_not_have()
    {
        KeyValuePair<string, string>[] form =
        [
            new("Action", "StartInstanceRefresh"), new("Version", "2011-01-01"),
            new("AutoScalingGroupName", "g"),
            new("Preferences.Bogus", "1"),
            new("Preferences.CheckpointPercentages.1", "50"),
            new("Preferences.ScaleInProtectedInstances", "Sometimes"),
            new("Preferences.SkipMatching", "yes"),
        ];

        var problems = Checker.CheckRequest(form);

        Assert.Equal(4, problems.Count);
        Assert.Single(Checker.CheckRequest([new("Action", "DescribeEverything"), new("Version", "2011-01-01")]));
        Assert.Single(Checker.CheckRequest([new("Action", "DeleteLifecycleHook"), new("Version", "2011-01-01"), new("AutoScalingGroupName", "g")]));
    }

    [Fact]
    public void Without_botocore_the_test_fails_and_says_how_to_install_it()
    {
        var empty = Directory.CreateTempSubdirectory("no-botocore-");
        try
        {
            var failure = Assert.Throws<Xunit.Sdk.FailException>(() => BotocoreModel.LoadFrom(empty.FullName));

            Assert.Contains("pip install botocore", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    internal static AutoScalingHarness EveryOperationHarness() => new(request => RecordingHandler.Xml(
        request.Action switch
        {
            "DescribeAutoScalingGroups" when request.Value("NextToken") is null => Samples.Groups("page-2", Samples.LaunchTemplateGroup),
            "DescribeInstanceRefreshes" when request.Value("NextToken") is null => Samples.Refreshes("page-2", Samples.RefreshInProgress),
            var action => SampleFor(action),
        }));

    internal static string SampleFor(string action) => action switch
    {
        "DescribeAutoScalingGroups" => Samples.Groups(null, Samples.LaunchTemplateGroup, Samples.MixedInstancesGroup, Samples.MixedInstancesGroupWithOwnTemplates),
        "DescribeLifecycleHooks" => Samples.Hooks(
            Samples.HookWithNotification,
            Samples.Hook("eks-windows-a", "join", "autoscaling:EC2_INSTANCE_LAUNCHING", 600, "ABANDON")),
        "StartInstanceRefresh" => Samples.StartInstanceRefresh,
        "DescribeInstanceRefreshes" => Samples.Refreshes(null, Samples.RefreshInProgress, Samples.RefreshRolledBack),
        "CancelInstanceRefresh" => Samples.CancelInstanceRefresh,
        "RollbackInstanceRefresh" => Samples.RollbackInstanceRefresh,
        "TerminateInstanceInAutoScalingGroup" => Samples.TerminateInstance,
        "DescribeScalingActivities" => Samples.ScalingActivities,
        var other => Samples.Empty(other),
    };

    internal static InstanceRefreshRequest FullRefresh() => new(
        "eks-windows-a",
        new LaunchTemplateRef("lt-0a1b2c3d4e5f67890", null, "8"),
        new InstanceRefreshPreferences
        {
            MinHealthyPercentage = 90,
            MaxHealthyPercentage = 120,
            InstanceWarmup = TimeSpan.FromMinutes(10),
            SkipMatching = true,
            CheckpointPercentages = [34, 67, 100],
            CheckpointDelay = TimeSpan.FromMinutes(15),
            AutoRollback = true,
            ScaleInProtectedInstances = ScaleInProtectedInstances.Wait,
            StandbyInstances = StandbyInstances.Terminate,
            BakeTime = TimeSpan.FromMinutes(5),
        });

    /// <summary>A refresh of a group with a mixed instances policy, every member of the policy given.</summary>
    internal static InstanceRefreshRequest MixedRefresh() => new(
        "eks-windows-gpu",
        new LaunchTemplateRef("lt-0c3d4e5f6a7b89012", "eks-windows-gpu", "13"),
        new InstanceRefreshPreferences { MinHealthyPercentage = 90, SkipMatching = true })
    {
        MixedInstancesPolicy = new MixedInstancesPolicy(
            new LaunchTemplateRef("lt-0c3d4e5f6a7b89012", "eks-windows-gpu", "12"),
            [
                new LaunchTemplateOverride("g4dn.xlarge", "2", new LaunchTemplateRef("lt-0d4e5f6a7b8c90123", "eks-windows-gpu-nvidia", "3")),
                new LaunchTemplateOverride("m5.xlarge", "1", new LaunchTemplateRef(null, "eks-windows-gpu-m5", "$Default")),
            ],
            new InstancesDistribution("prioritized", 2, 25, "lowest-price", 3, "")),
    };

    internal static async Task CallEveryOperationWithEveryOptionAsync(WindowsNodeOperator.Aws.AutoScaling.AutoScalingAdapter autoScaling)
    {
        var ct = CancellationToken.None;
        await autoScaling.DescribeGroupsAsync(["eks-windows-a", "eks-windows-b"], ct);
        await autoScaling.DescribeGroupsByTagsAsync(
            [new AutoScalingTagFilter("eks:cluster-name", ["prod", "staging"]), new AutoScalingTagFilter("windows-node-operator/managed", [])], ct);
        await autoScaling.StartInstanceRefreshAsync(FullRefresh(), ct);
        await autoScaling.StartInstanceRefreshAsync(
            new InstanceRefreshRequest("eks-windows-b", new LaunchTemplateRef(null, "eks-windows-spot", "3"), new InstanceRefreshPreferences()), ct);
        await autoScaling.StartInstanceRefreshAsync(MixedRefresh(), ct);
        await autoScaling.DescribeInstanceRefreshesAsync("eks-windows-a", ["08b91cf7-8fa6-48af-b6a6-d227f40f1b9b"], ct);
        await autoScaling.DescribeInstanceRefreshesAsync("eks-windows-a", [], ct);
        await autoScaling.CancelInstanceRefreshAsync("eks-windows-a", waitForTransitioningInstances: true, ct);
        await autoScaling.RollbackInstanceRefreshAsync("eks-windows-a", ct);
        await autoScaling.PutLifecycleHookAsync(
            new LifecycleHook("eks-windows-a", "drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(15), LifecycleActionResult.Continue)
            {
                NotificationTargetArn = "arn:aws:sqs:eu-west-1:123456789012:windows-node-events",
                RoleArn = "arn:aws:iam::123456789012:role/asg-hook-publisher",
                NotificationMetadata = "{\"cluster\":\"prod\"}",
            },
            ct);
        await autoScaling.DescribeLifecycleHooksAsync("eks-windows-a", ct);
        await autoScaling.DeleteLifecycleHookAsync("eks-windows-a", "drain", ct);
        await autoScaling.CompleteLifecycleActionAsync(
            LifecycleActionTarget.ForInstance("eks-windows-a", "drain", "i-0123456789abcdef0"), LifecycleActionResult.Continue, ct);
        await autoScaling.CompleteLifecycleActionAsync(
            LifecycleActionTarget.ForToken("eks-windows-a", "join", "bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"), LifecycleActionResult.Abandon, ct);
        await autoScaling.RecordLifecycleActionHeartbeatAsync(
            LifecycleActionTarget.ForInstance("eks-windows-a", "drain", "i-0123456789abcdef0"), ct);
        await autoScaling.RecordLifecycleActionHeartbeatAsync(
            LifecycleActionTarget.ForToken("eks-windows-a", "drain", "bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"), ct);
        await autoScaling.TerminateInstanceInGroupAsync("i-0123456789abcdef0", shouldDecrementDesiredCapacity: false, ct);
        await autoScaling.DescribeScalingActivitiesAsync("eks-windows-a", ct);
    }
}
