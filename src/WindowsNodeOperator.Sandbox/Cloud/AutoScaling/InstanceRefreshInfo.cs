namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>An instance refresh as DescribeInstanceRefreshes reports it.</summary>
public sealed record InstanceRefreshInfo(
    string InstanceRefreshId,
    string AutoScalingGroupName,
    InstanceRefreshStatus Status,
    string? StatusReason,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    int PercentageComplete,
    int InstancesToUpdate,
    RefreshPreferences Preferences,
    DesiredConfiguration? DesiredConfiguration,
    RollbackDetails? RollbackDetails);
