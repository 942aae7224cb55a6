using System.Xml.Linq;
using WindowsNodeOperator.Aws.AutoScaling.Errors;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// <see cref="IAutoScaling"/> on the Query client: every call goes through the resilience pipeline,
/// marked safe to repeat or not. <paramref name="pageSize"/> is the MaxRecords of paginated describes.
/// </summary>
internal sealed class AutoScalingAdapter(AutoScalingQueryClient client, IAwsCallPipeline pipeline, int pageSize = AutoScalingRequests.MaxRecords)
    : IAutoScaling
{
    // DescribeAutoScalingGroups takes at most this many names at once.
    private const int NamesPerCall = 50;

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(groupNames);
        var groups = new List<XElement>();
        // An empty name list would describe every group in the account.
        foreach (var chunk in groupNames.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall))
        {
            groups.AddRange(await DescribeAllGroupsAsync(token => AutoScalingRequests.DescribeGroupsByNames(chunk, token, pageSize), ct).ConfigureAwait(false));
        }

        return [.. groups.Select(AutoScalingReaders.Group).OfType<AutoScalingGroup>()];
    }

    public async Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsByTagsAsync(IReadOnlyCollection<AutoScalingTagFilter> filters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Count == 0)
        {
            throw new ArgumentException("Give at least one tag filter; none would select every group in the account.", nameof(filters));
        }

        var groups = await DescribeAllGroupsAsync(token => AutoScalingRequests.DescribeGroupsByTags(filters, token, pageSize), ct).ConfigureAwait(false);
        return [.. groups.Select(AutoScalingReaders.Group).OfType<AutoScalingGroup>()];
    }

    public async Task<RefreshStart> StartInstanceRefreshAsync(InstanceRefreshRequest request, CancellationToken ct)
    {
        try
        {
            var result = await SendAsync(AutoScalingRequests.StartInstanceRefresh(request), safeToRepeat: false, ct).ConfigureAwait(false);
            return RefreshStart.Started(result.Required("InstanceRefreshId"));
        }
        catch (InstanceRefreshInProgressException)
        {
            return RefreshStart.AlreadyRunning;
        }
        catch (IrreversibleInstanceRefreshException e)
        {
            return RefreshStart.Irreversible(e.Message);
        }
    }

    public async Task<IReadOnlyList<InstanceRefresh>> DescribeInstanceRefreshesAsync(
        string groupName, IReadOnlyCollection<string> refreshIds, CancellationToken ct)
    {
        var refreshes = new List<InstanceRefresh>();
        string? token = null;
        do
        {
            var result = await SendAsync(AutoScalingRequests.DescribeInstanceRefreshes(groupName, refreshIds, token, pageSize), safeToRepeat: true, ct)
                .ConfigureAwait(false);
            refreshes.AddRange(result.Members("InstanceRefreshes").Select(r => AutoScalingReaders.Refresh(r, groupName)));
            token = result.Text("NextToken");
        }
        while (!string.IsNullOrEmpty(token));

        return refreshes;
    }

    public async Task<RefreshCancel> CancelInstanceRefreshAsync(string groupName, bool waitForTransitioningInstances, CancellationToken ct)
    {
        try
        {
            var result = await SendAsync(AutoScalingRequests.CancelInstanceRefresh(groupName, waitForTransitioningInstances), safeToRepeat: false, ct)
                .ConfigureAwait(false);
            return new RefreshCancel(true, result.Required("InstanceRefreshId"));
        }
        catch (ActiveInstanceRefreshNotFoundException)
        {
            return RefreshCancel.NoneActive;
        }
    }

    public async Task<RefreshRollback> RollbackInstanceRefreshAsync(string groupName, CancellationToken ct)
    {
        try
        {
            var result = await SendAsync(AutoScalingRequests.RollbackInstanceRefresh(groupName), safeToRepeat: false, ct).ConfigureAwait(false);
            return RefreshRollback.RollingBack(result.Required("InstanceRefreshId"));
        }
        catch (ActiveInstanceRefreshNotFoundException)
        {
            return RefreshRollback.NoneActive;
        }
        catch (IrreversibleInstanceRefreshException)
        {
            return RefreshRollback.Irreversible;
        }
    }

    public async Task<IReadOnlyList<ScalingActivity>> DescribeScalingActivitiesAsync(string groupName, CancellationToken ct)
    {
        var result = await SendAsync(AutoScalingRequests.DescribeScalingActivities(groupName), safeToRepeat: true, ct).ConfigureAwait(false);
        return [.. result.Members("Activities").Select(AutoScalingReaders.Activity)];
    }

    public Task PutLifecycleHookAsync(LifecycleHook hook, CancellationToken ct) =>
        SendAsync(AutoScalingRequests.PutLifecycleHook(hook), safeToRepeat: true, ct);

    public async Task<IReadOnlyList<LifecycleHook>> DescribeLifecycleHooksAsync(string groupName, CancellationToken ct)
    {
        var result = await SendAsync(AutoScalingRequests.DescribeLifecycleHooks(groupName), safeToRepeat: true, ct).ConfigureAwait(false);
        return [.. result.Members("LifecycleHooks").Select(AutoScalingReaders.Hook).OfType<LifecycleHook>()];
    }

    public Task DeleteLifecycleHookAsync(string groupName, string hookName, CancellationToken ct) =>
        SendAsync(AutoScalingRequests.DeleteLifecycleHook(groupName, hookName), safeToRepeat: true, ct);

    public Task<LifecycleActionOutcome> CompleteLifecycleActionAsync(LifecycleActionTarget target, LifecycleActionResult result, CancellationToken ct) =>
        LifecycleActionAsync(AutoScalingRequests.CompleteLifecycleAction(target, result), safeToRepeat: false, ct);

    public Task<LifecycleActionOutcome> RecordLifecycleActionHeartbeatAsync(LifecycleActionTarget target, CancellationToken ct) =>
        LifecycleActionAsync(AutoScalingRequests.RecordLifecycleActionHeartbeat(target), safeToRepeat: true, ct);

    public async Task<ScalingActivity> TerminateInstanceInGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct)
    {
        var result = await SendAsync(AutoScalingRequests.TerminateInstanceInGroup(instanceId, shouldDecrementDesiredCapacity), safeToRepeat: false, ct)
            .ConfigureAwait(false);
        return AutoScalingReaders.Activity(result.Child("Activity") ?? throw new FormatException("TerminateInstanceInAutoScalingGroup answered no <Activity>."));
    }

    /// <summary>
    /// An action already completed (by us before a restart, or a retry of a call that did land) or timed out is answered
    /// with ValidationError "No active Lifecycle Action found with instance ID ...": an answer, not a failure.
    /// </summary>
    private async Task<LifecycleActionOutcome> LifecycleActionAsync(QueryRequest request, bool safeToRepeat, CancellationToken ct)
    {
        try
        {
            await SendAsync(request, safeToRepeat, ct).ConfigureAwait(false);
            return LifecycleActionOutcome.Done;
        }
        catch (ValidationException e) when (e.Message.Contains("No active Lifecycle Action", StringComparison.OrdinalIgnoreCase))
        {
            return LifecycleActionOutcome.NotActive;
        }
    }

    private async Task<List<XElement>> DescribeAllGroupsAsync(Func<string?, QueryRequest> page, CancellationToken ct)
    {
        var groups = new List<XElement>();
        string? token = null;
        do
        {
            var result = await SendAsync(page(token), safeToRepeat: true, ct).ConfigureAwait(false);
            groups.AddRange(result.Members("AutoScalingGroups"));
            token = result.Text("NextToken");
        }
        while (!string.IsNullOrEmpty(token));

        return groups;
    }

    private Task<XElement> SendAsync(QueryRequest request, bool safeToRepeat, CancellationToken ct) =>
        pipeline.ExecuteAsync(AwsServices.AutoScaling, request.Action, safeToRepeat, token => client.SendAsync(request, token), ct);
}
