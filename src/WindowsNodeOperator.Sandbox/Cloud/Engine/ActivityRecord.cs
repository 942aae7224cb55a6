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

    public string Description { get; } = description;

    public string Cause { get; set; } = cause;

    public DateTimeOffset StartTime { get; } = startTime;

    public DateTimeOffset? EndTime { get; private set; }

    public string StatusCode { get; private set; } = InProgress;

    public void Finish(string statusCode, DateTimeOffset at)
    {
        if (EndTime is null)
        {
            (StatusCode, EndTime) = (statusCode, at);
        }
    }

    public ScalingActivityInfo ToInfo() =>
        new(Id, GroupName, Description, Cause, StartTime, StatusCode, EndTime, EndTime is null ? 50 : 100);
}
