namespace WindowsNodeOperator.Planning;

/// <summary>Auto Scaling instance lifecycle states the planner distinguishes.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html</remarks>
internal static class LifecycleStates
{
    public const string InService = "InService";
    public const string Pending = "Pending";
    public const string PendingWait = "Pending:Wait";
    public const string PendingProceed = "Pending:Proceed";
    public const string Terminating = "Terminating";
    public const string TerminatingWait = "Terminating:Wait";
    public const string TerminatingProceed = "Terminating:Proceed";
    public const string EnteringStandby = "EnteringStandby";
    public const string Standby = "Standby";

    /// <summary>Pending* and Terminating* (not Terminated): the instance counts against the disruption budget.</summary>
    public static bool InTransit(string state) =>
        state.StartsWith(Pending, StringComparison.Ordinal)
        || (state.StartsWith(Terminating, StringComparison.Ordinal));

    /// <summary>Taken out of service by a person (EnterStandby) until they return it.</summary>
    public static bool IsStandby(string state) => state is Standby or EnteringStandby;
}
