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

    /// <summary>The LifecycleState enum of the service model (botocore autoscaling 2011-01-01).</summary>
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Pending, PendingWait, PendingProceed, "Quarantined", InService, Terminating, TerminatingWait, TerminatingProceed,
        "Terminating:Retained", "Terminated", "Detaching", "Detached", EnteringStandby, Standby,
        "ReplacingRootVolume", "ReplacingRootVolume:Wait", "ReplacingRootVolume:Proceed", "RootVolumeReplaced",
        "Warmed:Pending", "Warmed:Pending:Wait", "Warmed:Pending:Proceed", "Warmed:Pending:Retained", "Warmed:Terminating",
        "Warmed:Terminating:Wait", "Warmed:Terminating:Proceed", "Warmed:Terminating:Retained", "Warmed:Terminated",
        "Warmed:Stopped", "Warmed:Running", "Warmed:Hibernated",
    };

    /// <summary>A state the service model lists; any other (added later, or a garbled answer) may be an instance leaving.</summary>
    public static bool IsKnown(string state) => Known.Contains(state);

    /// <summary>Pending* and Terminating* (not Terminated): the instance counts against the disruption budget.</summary>
    public static bool InTransit(string state) =>
        state.StartsWith(Pending, StringComparison.Ordinal)
        || (state.StartsWith(Terminating, StringComparison.Ordinal));

    /// <summary>Taken out of service by a person (EnterStandby) until they return it.</summary>
    public static bool IsStandby(string state) => state is Standby or EnteringStandby;
}
