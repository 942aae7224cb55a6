using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>A scaling activity (a launch or a termination) as the group's history keeps it, completed when the instance gets there.</summary>
internal sealed class ActivityRecord(string id, string groupName, string description, string cause, DateTimeOffset startTime)
{
    public const string InProgress = "InProgress";
    public const string Successful = "Successful";
    public const string Failed = "Failed";

    public string Id { get; } = id;

    public string GroupName { get; } = groupName;

    public string Description { get; private set; } = description;

    public string Cause { get; set; } = cause;

    public DateTimeOffset StartTime { get; } = startTime;

    public DateTimeOffset? EndTime { get; private set; }

    public string StatusCode { get; private set; } = InProgress;

    /// <summary>Why a failed or cancelled activity ended so; AWS also appends it to the description as "Status Reason".</summary>
    public string? StatusMessage { get; private set; }

    public const string Cancelled = "Cancelled";

    public void Finish(string statusCode, DateTimeOffset at, string? message = null)
    {
        if (EndTime is null)
        {
            (StatusCode, EndTime, StatusMessage) = (statusCode, at, message);
            if (message is not null)
            {
                Description = $"{Description}.  Status Reason: {message}";
            }
        }
    }

    public ScalingActivityInfo ToInfo() =>
        new(Id, GroupName, Description, Cause, StartTime, StatusCode, EndTime, EndTime is null ? 50 : 100, StatusMessage);
}
