namespace WindowsNodeOperator.Cloud;

/// <summary>An instance refresh and how far it has come; <paramref name="DesiredLaunchTemplate"/> is the template version it rolls out, when it has a desired configuration.</summary>
internal sealed record InstanceRefresh(
    string Id,
    string GroupName,
    InstanceRefreshStatus Status,
    string? StatusReason,
    int? PercentageComplete,
    int? InstancesToUpdate,
    DateTimeOffset? StartTime,
    DateTimeOffset? EndTime,
    InstanceRefreshRollback? Rollback,
    LaunchTemplateRef? DesiredLaunchTemplate = null);
