namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>A lifecycle hook: the transition it pauses, how long it waits per heartbeat, and what happens on timeout.</summary>
public sealed record LifecycleHookInfo(
    string LifecycleHookName,
    string AutoScalingGroupName,
    string LifecycleTransition,
    int HeartbeatTimeout = 3600,
    string DefaultResult = LifecycleHooks.Abandon)
{
    /// <summary>The longest an instance can wait, heartbeats included: 100 heartbeat timeouts or 48 hours, whichever is smaller.</summary>
    public int GlobalTimeout => Math.Min(100 * HeartbeatTimeout, 172800);
}
