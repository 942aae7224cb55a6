namespace WindowsNodeOperator.Planning;

/// <summary>A validated policy spec with its strings parsed: durations, the budget and the maintenance windows.</summary>
internal sealed record PolicySettings(
    TimeSpan MaxNodeAge,
    TimeSpan SoakTime,
    TimeSpan InstanceWarmup,
    MaxUnavailable MaxUnavailable,
    MaintenanceCalendar Windows);
