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

    public static LifecycleTransition ParseTransition(string value) => value switch
    {
        Launching => LifecycleTransition.InstanceLaunching,
        Terminating => LifecycleTransition.InstanceTerminating,
        _ => throw new FormatException($"Unknown lifecycle transition '{value}'."),
    };

    public static string Result(LifecycleActionResult result) => result switch
    {
        LifecycleActionResult.Continue => "CONTINUE",
        LifecycleActionResult.Abandon => "ABANDON",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static LifecycleActionResult ParseResult(string value) => value switch
    {
        "CONTINUE" => LifecycleActionResult.Continue,
        "ABANDON" => LifecycleActionResult.Abandon,
        _ => throw new FormatException($"Unknown lifecycle action result '{value}'."),
    };

    public static InstanceRefreshStatus ParseRefreshStatus(string? value) =>
        Enum.TryParse<InstanceRefreshStatus>(value, ignoreCase: false, out var status) && status != InstanceRefreshStatus.Unknown
            ? status
            : InstanceRefreshStatus.Unknown;
}
