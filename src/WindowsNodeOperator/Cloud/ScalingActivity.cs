namespace WindowsNodeOperator.Cloud;

/// <summary>A scaling activity the service started, such as terminating an instance.</summary>
internal sealed record ScalingActivity(
    string ActivityId,
    string GroupName,
    string StatusCode,
    string? Description,
    string? Cause,
    DateTimeOffset? StartTime);
