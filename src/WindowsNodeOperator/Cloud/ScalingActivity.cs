namespace WindowsNodeOperator.Cloud;

/// <summary>A scaling activity the service started, such as launching or terminating an instance.</summary>
/// <param name="StatusMessage">Why a failed or cancelled activity ended so (an EC2 error, an abandoned lifecycle action).</param>
internal sealed record ScalingActivity(
    string ActivityId,
    string GroupName,
    string StatusCode,
    string? Description,
    string? Cause,
    DateTimeOffset? StartTime,
    string? StatusMessage = null,
    DateTimeOffset? EndTime = null);
