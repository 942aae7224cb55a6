namespace WindowsNodeOperator.Cloud;

/// <summary>
/// What the operator needs from EC2 Auto Scaling: its groups, instance refreshes and lifecycle hooks. Expected answers
/// (a refresh already running, none to cancel, a lifecycle action already completed) are results; what fails is an
/// exception, which callers classify only through <c>AwsErrorClassifier</c>.
/// </summary>
internal interface IAutoScaling
{
    /// <summary>
    /// The named groups that exist, with their instances (lifecycle hooks are not part of a group's
    /// description: <see cref="DescribeLifecycleHooksAsync"/> costs one call per group, so it is asked only when needed).
    /// </summary>
    Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsAsync(IReadOnlyCollection<string> groupNames, CancellationToken ct);

    /// <summary>The groups carrying every tag filter given (a filter with no values matches the key alone).</summary>
    Task<IReadOnlyList<AutoScalingGroup>> DescribeGroupsByTagsAsync(IReadOnlyCollection<AutoScalingTagFilter> filters, CancellationToken ct);

    /// <summary>
    /// Starts an instance refresh: <see cref="RefreshStartOutcome.Started"/> with its id, AlreadyRunning, or Irreversible
    /// (AutoRollback asked for a group AWS could not roll back to; nothing started).
    /// </summary>
    Task<RefreshStart> StartInstanceRefreshAsync(InstanceRefreshRequest request, CancellationToken ct);

    /// <summary>The group's instance refreshes, newest first; all of them when <paramref name="refreshIds"/> is empty.</summary>
    Task<IReadOnlyList<InstanceRefresh>> DescribeInstanceRefreshesAsync(string groupName, IReadOnlyCollection<string> refreshIds, CancellationToken ct);

    /// <summary>Cancels the group's active instance refresh (with its id), or says none was active.</summary>
    Task<RefreshCancel> CancelInstanceRefreshAsync(string groupName, bool waitForTransitioningInstances, CancellationToken ct);

    /// <summary>
    /// Rolls back the group's active instance refresh: <see cref="RefreshRollbackOutcome.RollingBack"/> with its id, or
    /// NoneActive (already over), or Irreversible (AWS cannot roll this group back: a launch template version of
    /// <c>$Latest</c> or <c>$Default</c>, or no desired configuration).
    /// </summary>
    Task<RefreshRollback> RollbackInstanceRefreshAsync(string groupName, CancellationToken ct);

    Task PutLifecycleHookAsync(LifecycleHook hook, CancellationToken ct);

    Task<IReadOnlyList<LifecycleHook>> DescribeLifecycleHooksAsync(string groupName, CancellationToken ct);

    Task DeleteLifecycleHookAsync(string groupName, string hookName, CancellationToken ct);

    /// <summary>Completes the action; <see cref="LifecycleActionOutcome.NotActive"/> when it was already completed or gone.</summary>
    Task<LifecycleActionOutcome> CompleteLifecycleActionAsync(LifecycleActionTarget target, LifecycleActionResult result, CancellationToken ct);

    /// <summary>Extends the action's timeout; <see cref="LifecycleActionOutcome.NotActive"/> when there is no active action.</summary>
    Task<LifecycleActionOutcome> RecordLifecycleActionHeartbeatAsync(LifecycleActionTarget target, CancellationToken ct);

    /// <summary>The group's latest scaling activities (launches, terminations), newest first: one page of at most 100.</summary>
    Task<IReadOnlyList<ScalingActivity>> DescribeScalingActivitiesAsync(string groupName, CancellationToken ct);

    /// <summary>Terminates an instance through its group, which replaces it unless the desired capacity is decremented.</summary>
    Task<ScalingActivity> TerminateInstanceInGroupAsync(string instanceId, bool shouldDecrementDesiredCapacity, CancellationToken ct);
}
