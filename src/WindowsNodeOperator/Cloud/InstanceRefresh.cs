namespace WindowsNodeOperator.Cloud;

/// <summary>An instance refresh and how far it has come.</summary>
internal sealed record InstanceRefresh(
    string Id,
    string GroupName,
    InstanceRefreshStatus Status,
    string? StatusReason,
    int? PercentageComplete,
    int? InstancesToUpdate,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    InstanceRefreshRollback? Rollback);
