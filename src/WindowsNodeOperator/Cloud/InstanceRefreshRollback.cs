namespace WindowsNodeOperator.Cloud;

/// <summary>Why and how far a refresh has been rolled back.</summary>
internal sealed record InstanceRefreshRollback(
    string? Reason,
    DateTimeOffset? StartTime,
    int? PercentageComplete,
    int? InstancesToUpdate);
