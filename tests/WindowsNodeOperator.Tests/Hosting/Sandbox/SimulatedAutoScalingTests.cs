using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Hosting.Sandbox;

/// <summary>The Auto Scaling port over the simulated account: groups, hooks, refreshes, lifecycle actions, termination.</summary>
public sealed class SimulatedAutoScalingTests : IDisposable
{
    private const string LaunchHook = "node-ready";
    private const string DrainHook = "node-drain";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly SimulatedAccount _account = new();

    private IAutoScaling AutoScaling => _account.AutoScaling;

    [Fact]
    public async Task Groups_are_described_by_names_or_by_tags_with_their_instances()
    {
        var byName = await AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA, "no-such-group"], None);
        var byTag = await AutoScaling.DescribeGroupsByTagsAsync([new("windowsnode.io/managed", ["true"])], None);
        var byKey = await AutoScaling.DescribeGroupsByTagsAsync([new("windowsnode.io/managed", [])], None);
        var none = await AutoScaling.DescribeGroupsAsync([], None);

        var group = Assert.Single(byName);
        Assert.Equal((6, 12, 6), (group.MinSize, group.MaxSize, group.DesiredCapacity));
        Assert.Equal(("eks-windows-a-nodes", "3"), (group.LaunchTemplate!.Name, group.LaunchTemplate.Version));
        Assert.StartsWith("lt-", group.LaunchTemplate.Id, StringComparison.Ordinal);
        Assert.Equal(
            _account.Instances.Where(i => i.GroupName == SimulatedAccount.GroupA).Select(i => i.InstanceId).Order(StringComparer.Ordinal),
            group.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(group.Instances, i => Assert.Equal(("InService", "Healthy", false), (i.LifecycleState, i.HealthStatus, i.ProtectedFromScaleIn)));
        Assert.Equal([SimulatedAccount.GroupA, SimulatedAccount.GroupB], byTag.Select(g => g.Name));
        Assert.Equal(byTag.Select(g => g.Name), byKey.Select(g => g.Name));
        Assert.Empty(none);
        Assert.Equal(3, _account.Cloud.Calls.Calls("autoscaling:DescribeAutoScalingGroups"));
    }

    [Fact]
    public async Task Hooks_are_put_described_and_deleted()
    {
        await AutoScaling.PutLifecycleHookAsync(Hook(LaunchHook, LifecycleTransition.InstanceLaunching, LifecycleActionResult.Abandon), None);
        await AutoScaling.PutLifecycleHookAsync(Hook(DrainHook, LifecycleTransition.InstanceTerminating, LifecycleActionResult.Continue), None);
        var hooks = await AutoScaling.DescribeLifecycleHooksAsync(SimulatedAccount.GroupA, None);
        await AutoScaling.DeleteLifecycleHookAsync(SimulatedAccount.GroupA, LaunchHook, None);

        Assert.Equal(
            [Hook(LaunchHook, LifecycleTransition.InstanceLaunching, LifecycleActionResult.Abandon), Hook(DrainHook, LifecycleTransition.InstanceTerminating, LifecycleActionResult.Continue)],
            hooks);
        Assert.Equal([DrainHook], (await AutoScaling.DescribeLifecycleHooksAsync(SimulatedAccount.GroupA, None)).Select(h => h.Name));
    }

    [Fact]
    public async Task A_second_refresh_start_answers_that_one_is_in_progress_without_a_retry()
    {
        var request = await RefreshRequestAsync();
        await AutoScaling.StartInstanceRefreshAsync(request, None);

        var error = await Assert.ThrowsAsync<InstanceRefreshInProgressException>(() => AutoScaling.StartInstanceRefreshAsync(request, None));

        Assert.Equal(("InstanceRefreshInProgress", System.Net.HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
        Assert.Equal(2, _account.Cloud.Calls.Calls("autoscaling:StartInstanceRefresh"));
    }

    [Fact]
    public async Task A_refresh_driven_through_the_ports_ends_with_every_instance_on_the_new_version()
    {
        await AutoScaling.PutLifecycleHookAsync(Hook(LaunchHook, LifecycleTransition.InstanceLaunching, LifecycleActionResult.Abandon), None);
        await AutoScaling.PutLifecycleHookAsync(Hook(DrainHook, LifecycleTransition.InstanceTerminating, LifecycleActionResult.Continue), None);
        var request = await RefreshRequestAsync();
        var id = await AutoScaling.StartInstanceRefreshAsync(request, None);
        var deadline = _account.Time.GetUtcNow() + TimeSpan.FromHours(3);

        InstanceRefresh refresh;
        while ((refresh = Assert.Single(await AutoScaling.DescribeInstanceRefreshesAsync(SimulatedAccount.GroupA, [id], None))).Status
            is InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress)
        {
            Assert.True(_account.Time.GetUtcNow() < deadline, "The refresh did not finish in time.");
            await AnswerHooksAsync();
            _account.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal((InstanceRefreshStatus.Successful, 100, 0), (refresh.Status, refresh.PercentageComplete, refresh.InstancesToUpdate));
        var group = Assert.Single(await AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        Assert.Equal("4", group.LaunchTemplate!.Version);
        Assert.Equal(6, group.Instances.Count);
        Assert.All(group.Instances, i => Assert.Equal(("InService", "4"), (i.LifecycleState, i.LaunchTemplateVersion)));
        var instances = await _account.Inventory.ListAsync([SimulatedAccount.GroupA], None);
        Assert.All(instances, i => Assert.DoesNotContain(_account.Instances, planned => planned.InstanceId == i.InstanceId));
        var image = (await _account.Templates.GetImageIdAsync(request.DesiredLaunchTemplate, None)).ImageId;
        Assert.All(instances, i => Assert.Equal(image, i.ImageId));
    }

    [Fact]
    public async Task Terminating_through_the_group_reports_the_activity_and_a_heartbeat_keeps_the_drain_waiting()
    {
        await AutoScaling.PutLifecycleHookAsync(Hook(DrainHook, LifecycleTransition.InstanceTerminating, LifecycleActionResult.Continue), None);
        var victim = _account.Instances.First(i => i.GroupName == SimulatedAccount.GroupA).InstanceId;

        var activity = await AutoScaling.TerminateInstanceInGroupAsync(victim, shouldDecrementDesiredCapacity: false, None);
        _account.Advance(TimeSpan.FromMinutes(8));
        await AutoScaling.RecordLifecycleActionHeartbeatAsync(LifecycleActionTarget.ForInstance(SimulatedAccount.GroupA, DrainHook, victim), None);
        _account.Advance(TimeSpan.FromMinutes(8));

        Assert.Equal((SimulatedAccount.GroupA, "InProgress", $"Terminating EC2 instance: {victim}"), (activity.GroupName, activity.StatusCode, activity.Description));
        var group = Assert.Single(await AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        Assert.Equal("Terminating:Wait", group.Instances.Single(i => i.InstanceId == victim).LifecycleState);
        var error = await Assert.ThrowsAsync<ValidationException>(() => AutoScaling.CompleteLifecycleActionAsync(
            LifecycleActionTarget.ForToken(SimulatedAccount.GroupA, DrainHook, "not-a-token"), LifecycleActionResult.Continue, None));
        Assert.Equal("ValidationError", error.ErrorCode);
    }

    [Fact]
    public async Task A_cancelled_refresh_reports_cancelling_then_cancelled()
    {
        var id = await AutoScaling.StartInstanceRefreshAsync(await RefreshRequestAsync(), None);

        Assert.Equal(id, await AutoScaling.CancelInstanceRefreshAsync(SimulatedAccount.GroupA, waitForTransitioningInstances: true, None));
        _account.Advance(TimeSpan.FromMinutes(5));

        var refresh = Assert.Single(await AutoScaling.DescribeInstanceRefreshesAsync(SimulatedAccount.GroupA, [], None));
        Assert.Equal((id, InstanceRefreshStatus.Cancelled), (refresh.Id, refresh.Status));
        await Assert.ThrowsAsync<ActiveInstanceRefreshNotFoundException>(() => AutoScaling.CancelInstanceRefreshAsync(SimulatedAccount.GroupA, true, None));
    }

    public void Dispose() => _account.Dispose();

    private static LifecycleHook Hook(string name, LifecycleTransition transition, LifecycleActionResult defaultResult) =>
        new(SimulatedAccount.GroupA, name, transition, TimeSpan.FromMinutes(10), defaultResult);

    /// <summary>A new template version on a freshly published AMI, found through the catalog as the operator would.</summary>
    private async Task<InstanceRefreshRequest> RefreshRequestAsync()
    {
        _account.Cloud.PublishImage(_account.WindowsParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", _account.Time.GetUtcNow());
        var release = await _account.Catalog.GetLatestAsync(_account.WindowsParameter, None);
        var group = Assert.Single(await AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        var version = await _account.Templates.CreateVersionWithImageAsync(group.LaunchTemplate!, release.ImageId, "November AMI", None);
        return new InstanceRefreshRequest(SimulatedAccount.GroupA, version, new InstanceRefreshPreferences
        {
            MinHealthyPercentage = 90,
            InstanceWarmup = TimeSpan.FromMinutes(1),
            SkipMatching = true,
        });
    }

    /// <summary>Lets a leaving instance go (its node drained), and a launching one in once EC2 reports it running.</summary>
    private async Task AnswerHooksAsync()
    {
        var group = Assert.Single(await AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], None));
        var running = (await _account.Inventory.ListAsync([SimulatedAccount.GroupA], None)).Where(i => i.State == "running").Select(i => i.InstanceId).ToHashSet();
        foreach (var instance in group.Instances)
        {
            if (instance.LifecycleState == "Terminating:Wait")
            {
                await AutoScaling.CompleteLifecycleActionAsync(
                    LifecycleActionTarget.ForInstance(SimulatedAccount.GroupA, DrainHook, instance.InstanceId), LifecycleActionResult.Continue, None);
            }
            else if (instance.LifecycleState == "Pending:Wait" && running.Contains(instance.InstanceId))
            {
                // The token would come with the hook's notification; the simulation hands it out directly.
                var token = _account.Cloud.AutoScaling.PendingLifecycleActionToken(instance.InstanceId, LaunchHook)!;
                await AutoScaling.CompleteLifecycleActionAsync(
                    LifecycleActionTarget.ForToken(SimulatedAccount.GroupA, LaunchHook, token), LifecycleActionResult.Continue, None);
            }
        }
    }
}
