namespace WindowsNodeOperator.Planning;

/// <summary>An instance refresh that has not reached a final state.</summary>
/// <param name="TargetImageId">The AMI the refresh rolls out, when known.</param>
/// <param name="StartedByOperator">Whether the operator started it (a user's refresh is never cancelled).</param>
/// <param name="MinHealthyPercentage">The refresh's preference, used to reserve the budget it may take.</param>
/// <param name="FailedLaunches">
/// New instances of the refresh whose launch was abandoned (they never became Ready nodes), from the group's scaling
/// activities since the refresh started; read only for the operator's refreshes.
/// </param>
/// <param name="UnreadyPods">
/// Pods bound to the refresh's new nodes (its AMI's) that are not Ready, DaemonSet pods aside (the launch gate waits for
/// those); read only while the operator's refresh rolls forward and refresh.podReadyTimeout is on.
/// </param>
internal sealed record ActiveRefreshFacts(
    string Id,
    string Status,
    int? PercentComplete,
    DateTimeOffset? StartedAt,
    string? TargetImageId,
    bool StartedByOperator,
    int? MinHealthyPercentage,
    IReadOnlyList<string>? FailedLaunches = null,
    IReadOnlyList<UnreadyPod>? UnreadyPods = null);
