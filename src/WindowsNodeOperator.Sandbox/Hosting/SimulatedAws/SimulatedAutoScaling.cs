using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud;
using Sim = WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>
/// <see cref="IAutoScaling"/> over the simulated account: each call goes through the real pipeline under the
/// operation name and safety the real adapter uses, and paginates as the service would, so call counts, faults
/// and retries behave as against AWS.
/// </summary>
internal sealed class SimulatedAutoScaling(SimulatedCloud cloud, IAwsCallPipeline pipeline) : IAutoScaling
{
    // DescribeAutoScalingGroups takes at most 50 names, and answers at most 100 groups a page.
    private const int NamesPerCall = 50;
    private const int PageSize = 100;

    private Sim.SimulatedAutoScaling Api => cloud.AutoScaling;

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var groups = new List<AutoScalingGroup>();
        // An empty name list would describe every group in the account.
        foreach (var chunk in groupNames.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall))
        {
            var found = await CallAsync("DescribeAutoScalingGroups", safeToRepeat: true, () => Api.DescribeAutoScalingGroups(chunk), ct).ConfigureAwait(false);
            groups.AddRange(found.Select(AutoScalingShapes.Group));
        }

        return groups;
    }

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsByTagsAsync(IReadOnlyCollection<AutoScalingTagFilter> filters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            throw new ArgumentException("Give at least one tag filter; none would select every group in the account.", nameof(filters));
        }

        // The service filters and pages server side: one call per hundred matching groups.
        var groups = new List<AutoScalingGroup>();
        for (var page = 0; ; page++)
        {
            var skip = page * PageSize;
            var (found, more) = await CallAsync(
                "DescribeAutoScalingGroups",
                safeToRepeat: true,
                () =>
                {
                    var matching = Api.DescribeAutoScalingGroups().Where(g => AutoScalingShapes.Matches(g, filters)).ToList();
                    return (matching.Skip(skip).Take(PageSize).ToList(), matching.Count > skip + PageSize);
                },
                ct).ConfigureAwait(false);
            groups.AddRange(found.Select(AutoScalingShapes.Group));
            if (!more)
            {
                return groups;
            }
        }
    }

    public Task<string> StartInstanceRefreshAsync(InstanceRefreshRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = new Sim.StartInstanceRefreshRequest(
            request.GroupName,
            new Sim.DesiredConfiguration(AutoScalingShapes.Template(request.DesiredLaunchTemplate)),
            AutoScalingShapes.Preferences(request.Preferences));
        return CallAsync("StartInstanceRefresh", safeToRepeat: false, () => Api.StartInstanceRefresh(start), ct);
    }

    public async Task<IReadOnlyList<InstanceRefresh>> DescribeInstanceRefreshesAsync(
        string groupName, IReadOnlyCollection<string> refreshIds, CancellationToken ct)
    {
        var refreshes = await CallAsync(
            "DescribeInstanceRefreshes", safeToRepeat: true, () => Api.DescribeInstanceRefreshes(groupName, [.. refreshIds]), ct).ConfigureAwait(false);
        return [.. refreshes.Select(AutoScalingShapes.Refresh)];
    }

    /// <summary>The simulation always lets transitioning instances finish, whatever <paramref name="waitForTransitioningInstances"/> says.</summary>
    public Task<string> CancelInstanceRefreshAsync(string groupName, bool waitForTransitioningInstances, CancellationToken ct) =>
        CallAsync("CancelInstanceRefresh", safeToRepeat: false, () => Api.CancelInstanceRefresh(groupName), ct);

    public Task<string> RollbackInstanceRefreshAsync(string groupName, CancellationToken ct) =>
        CallAsync("RollbackInstanceRefresh", safeToRepeat: false, () => Api.RollbackInstanceRefresh(groupName), ct);

    public Task PutLifecycleHookAsync(LifecycleHook hook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hook);
        return CallAsync("PutLifecycleHook", safeToRepeat: true, () => Done(() => Api.PutLifecycleHook(AutoScalingShapes.Hook(hook))), ct);
    }

    public async Task<IReadOnlyList<LifecycleHook>> DescribeLifecycleHooksAsync(string groupName, CancellationToken ct)
    {
        var hooks = await CallAsync("DescribeLifecycleHooks", safeToRepeat: true, () => Api.DescribeLifecycleHooks(groupName), ct).ConfigureAwait(false);
        return [.. hooks.Select(AutoScalingShapes.Hook)];
    }

    public Task DeleteLifecycleHookAsync(string groupName, string hookName, CancellationToken ct) =>
        CallAsync("DeleteLifecycleHook", safeToRepeat: true, () => Done(() => Api.DeleteLifecycleHook(groupName, hookName)), ct);

    public Task CompleteLifecycleActionAsync(LifecycleActionTarget target, LifecycleActionResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        return CallAsync(
            "CompleteLifecycleAction",
            safeToRepeat: false,
            () => Done(() => Api.CompleteLifecycleAction(target.GroupName, target.HookName, AutoScalingShapes.Result(result), target.InstanceId, target.Token)),
            ct);
    }

    public Task RecordLifecycleActionHeartbeatAsync(LifecycleActionTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        return CallAsync(
            "RecordLifecycleActionHeartbeat",
            safeToRepeat: true,
            () => Done(() => Api.RecordLifecycleActionHeartbeat(target.GroupName, target.HookName, target.InstanceId, target.Token)),
            ct);
    }

    public async Task<ScalingActivity> TerminateInstanceInGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct)
    {
        var activity = await CallAsync(
            "TerminateInstanceInAutoScalingGroup",
            safeToRepeat: false,
            () => Api.TerminateInstanceInAutoScalingGroup(instanceId, shouldDecrementDesiredCapacity),
            ct).ConfigureAwait(false);
        return AutoScalingShapes.Activity(activity);
    }

    private Task<T> CallAsync<T>(string operation, bool safeToRepeat, Func<T> call, CancellationToken ct) =>
        pipeline.ExecuteAsync(AwsServices.AutoScaling, operation, safeToRepeat, token => SimulatedAwsErrors.RunAsync(call, SimulatedAwsErrors.AutoScaling, token), ct);

    private static bool Done(Action call)
    {
        call();
        return true;
    }
}
