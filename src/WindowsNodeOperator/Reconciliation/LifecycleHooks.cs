using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>The two lifecycle hooks the operator puts on a group.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html</remarks>
internal static class LifecycleHooks
{
    /// <summary>Holds each terminating instance in Terminating:Wait until its node is drained.</summary>
    public const string Drain = "windowsnode-drain";

    /// <summary>Holds each new instance in Pending:Wait until its node is Ready; put for the operator's refresh, deleted once it ended.</summary>
    public const string Launch = "windowsnode-launch";

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    public static LifecycleHook DrainHook(string group) =>
        new(group, Drain, LifecycleTransition.InstanceTerminating, DrainTimeout, LifecycleActionResult.Continue);

    public static LifecycleHook LaunchHook(string group, TimeSpan launchTimeout) =>
        new(group, Launch, LifecycleTransition.InstanceLaunching, launchTimeout, LifecycleActionResult.Abandon);

    /// <summary>
    /// The group's instances in the wait state of <paramref name="hook"/> (any of them may wait on it). Deleting a hook
    /// completes the actions waiting on it at once, ABANDON for launching instances and CONTINUE for terminating ones,
    /// so the operator deletes one only when this is empty.
    /// </summary>
    /// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DeleteLifecycleHook.html</remarks>
    public static IReadOnlyList<string> WaitingOn(AutoScalingGroup group, string hook)
    {
        var wait = hook == Launch ? LifecycleStates.PendingWait : LifecycleStates.TerminatingWait;
        return group.Instances.Where(i => i.LifecycleState == wait).Select(i => i.InstanceId).ToList();
    }
}
