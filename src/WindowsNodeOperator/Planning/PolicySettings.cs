namespace WindowsNodeOperator.Planning;

/// <summary>A validated policy spec with its strings parsed: durations, the budget and the maintenance windows.</summary>
/// <param name="NotReadyReplaceAfter">How long a node may be NotReady before it is replaced; null when <c>off</c>.</param>
internal sealed record PolicySettings(
    TimeSpan MaxNodeAge,
    TimeSpan SoakTime,
    TimeSpan InstanceWarmup,
    MaxUnavailable MaxUnavailable,
    MaintenanceCalendar Windows,
    TimeSpan? NotReadyReplaceAfter = null);
