using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>An instance waiting on one lifecycle hook: its token, and the deadlines a heartbeat moves.</summary>
internal sealed class LifecycleAction(LifecycleHookInfo hook, string token, DateTimeOffset heartbeatDeadline, DateTimeOffset globalDeadline)
{
    public LifecycleHookInfo Hook { get; } = hook;

    public string Token { get; } = token;

    public DateTimeOffset HeartbeatDeadline { get; set; } = heartbeatDeadline;

    public DateTimeOffset GlobalDeadline { get; } = globalDeadline;

    /// <summary>Bumped by every heartbeat, so an older timeout finds itself stale.</summary>
    public int Generation { get; set; }

    public DateTimeOffset Deadline => HeartbeatDeadline < GlobalDeadline ? HeartbeatDeadline : GlobalDeadline;
}
