namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>A scaling activity as TerminateInstanceInAutoScalingGroup and DescribeScalingActivities report it.</summary>
public sealed record ScalingActivityInfo(
    string ActivityId,
    string AutoScalingGroupName,
    string Description,
    string Cause,
    DateTimeOffset StartTime,
    string StatusCode,
    DateTimeOffset? EndTime = null,
    int Progress = 0,
    string? StatusMessage = null);
