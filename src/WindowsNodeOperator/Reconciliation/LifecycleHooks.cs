using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>The two lifecycle hooks the operator puts on a group.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/userguide/lifecycle-hooks.html</remarks>
internal static class LifecycleHooks
{
    /// <summary>Holds each terminating instance in Terminating:Wait until its node is drained.</summary>
    public const string Drain = "windowsnode-drain";

    /// <summary>Holds each new instance in Pending:Wait until its node is Ready; only while the operator's refresh runs.</summary>
    public const string Launch = "windowsnode-launch";

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    public static LifecycleHook DrainHook(string group) =>
        new(group, Drain, LifecycleTransition.InstanceTerminating, DrainTimeout, LifecycleActionResult.Continue);

    public static LifecycleHook LaunchHook(string group, TimeSpan launchTimeout) =>
        new(group, Launch, LifecycleTransition.InstanceLaunching, launchTimeout, LifecycleActionResult.Abandon);
}
