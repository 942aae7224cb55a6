namespace WindowsNodeOperator.Cloud;

/// <summary>How Auto Scaling answered a heartbeat or completion of a lifecycle action.</summary>
internal enum LifecycleActionOutcome
{
    /// <summary>The action was active and took the call.</summary>
    Done,

    /// <summary>
    /// No such action is active (AWS: <c>ValidationError</c> "No active Lifecycle Action found"): it was completed
    /// already, or timed out. For a completion that is the goal reached; for a heartbeat, nothing is left to keep alive.
    /// </summary>
    NotActive,
}
