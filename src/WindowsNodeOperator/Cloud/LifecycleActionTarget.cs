namespace WindowsNodeOperator.Cloud;

/// <summary>The lifecycle action to complete or heartbeat: named by instance id or by the action token.</summary>
internal sealed record LifecycleActionTarget(string GroupName, string HookName, string? InstanceId, string? Token)
{
    public static LifecycleActionTarget ForInstance(string groupName, string hookName, string instanceId) =>
        new(groupName, hookName, instanceId, null);

    public static LifecycleActionTarget ForToken(string groupName, string hookName, string token) =>
        new(groupName, hookName, null, token);
}
