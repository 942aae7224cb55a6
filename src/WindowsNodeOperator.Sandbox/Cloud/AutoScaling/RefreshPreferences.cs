namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// StartInstanceRefresh preferences with the API's defaults: 90 % minimum healthy, 100 % maximum healthy,
/// warm-up from the group when not given, a checkpoint delay of one hour, no bake time, Wait for instances protected from scale in or
/// in Standby (https://docs.aws.amazon.com/autoscaling/ec2/userguide/understand-instance-refresh-default-values.html).
/// </summary>
public sealed record RefreshPreferences
{
    public const string Wait = "Wait";
    public const string Ignore = "Ignore";
    public const string Refresh = "Refresh";
    public const string Terminate = "Terminate";

    public int MinHealthyPercentage { get; init; } = 90;

    /// <summary>100 to 200; above 100 the refresh launches replacements before it terminates.</summary>
    public int? MaxHealthyPercentage { get; init; }

    /// <summary>Seconds; null means the group's DefaultInstanceWarmup, or its HealthCheckGracePeriod.</summary>
    public int? InstanceWarmup { get; init; }

    public IReadOnlyList<int>? CheckpointPercentages { get; init; }

    /// <summary>Seconds to wait at each checkpoint.</summary>
    public int CheckpointDelay { get; init; } = 3600;

    public bool SkipMatching { get; init; }

    public bool AutoRollback { get; init; }

    /// <summary><c>Refresh</c> replaces them, <c>Ignore</c> leaves them, <c>Wait</c> waits an hour for the protection to go, then fails.</summary>
    public string ScaleInProtectedInstances { get; init; } = Wait;

    /// <summary><c>Terminate</c> terminates them, <c>Ignore</c> leaves them, <c>Wait</c> waits an hour for them to return, then fails.</summary>
    public string StandbyInstances { get; init; } = Wait;

    /// <summary>Seconds to wait, status <c>Baking</c>, after the last replacement before the refresh is complete (0 to 172800, default 0).</summary>
    public int BakeTime { get; init; }
}
