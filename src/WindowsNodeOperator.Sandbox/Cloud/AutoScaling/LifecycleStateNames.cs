namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The names Auto Scaling gives its lifecycle states (<c>Pending:Wait</c>...).</summary>
public static class LifecycleStateNames
{
    public static string ToAwsName(this LifecycleState state) => state switch
    {
        LifecycleState.PendingWait => "Pending:Wait",
        LifecycleState.PendingProceed => "Pending:Proceed",
        LifecycleState.TerminatingWait => "Terminating:Wait",
        LifecycleState.TerminatingProceed => "Terminating:Proceed",
        _ => state.ToString(),
    };

    /// <summary>Whether the instance is on its way out of the group (it no longer counts toward desired capacity).</summary>
    public static bool IsLeaving(this LifecycleState state) =>
        state is LifecycleState.Terminating or LifecycleState.TerminatingWait or LifecycleState.TerminatingProceed or LifecycleState.Terminated;
}
