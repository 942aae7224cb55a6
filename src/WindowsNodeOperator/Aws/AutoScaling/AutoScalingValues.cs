using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>The wire spelling of the Auto Scaling enumerations the port uses.</summary>
internal static class AutoScalingValues
{
    private const string Launching = "autoscaling:EC2_INSTANCE_LAUNCHING";
    private const string Terminating = "autoscaling:EC2_INSTANCE_TERMINATING";

    public static string Transition(LifecycleTransition transition) => transition switch
    {
        LifecycleTransition.InstanceLaunching => Launching,
        LifecycleTransition.InstanceTerminating => Terminating,
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };

    /// <summary>The documented Instance.HealthStatus values (the model's shape is a plain string).</summary>
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";

    public static bool IsLifecycleState(string value) => Planning.LifecycleStates.IsKnown(value);

    /// <summary>The transition, or null for one the documentation does not list (the model's shape is a plain string).</summary>
    public static LifecycleTransition? TryParseTransition(string? value) => value switch
    {
        Launching => LifecycleTransition.InstanceLaunching,
        Terminating => LifecycleTransition.InstanceTerminating,
        _ => null,
    };

    public static string Result(LifecycleActionResult result) => result switch
    {
        LifecycleActionResult.Continue => "CONTINUE",
        LifecycleActionResult.Abandon => "ABANDON",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static LifecycleActionResult? TryParseResult(string? value) => value switch
    {
        "CONTINUE" => LifecycleActionResult.Continue,
        "ABANDON" => LifecycleActionResult.Abandon,
        _ => null,
    };

    public static InstanceRefreshStatus ParseRefreshStatus(string? value) =>
        Enum.TryParse<InstanceRefreshStatus>(value, ignoreCase: false, out var status) && status != InstanceRefreshStatus.Unknown
            ? status
            : InstanceRefreshStatus.Unknown;
}
