namespace WindowsNodeOperator.Cloud;

/// <summary>A lifecycle hook of a group; the notification fields are optional.</summary>
internal sealed record LifecycleHook(
    string GroupName,
    string Name,
    LifecycleTransition Transition,
    TimeSpan HeartbeatTimeout,
    LifecycleActionResult DefaultResult)
{
    public string? NotificationTargetArn { get; init; }

    public string? RoleArn { get; init; }

    public string? NotificationMetadata { get; init; }
}
