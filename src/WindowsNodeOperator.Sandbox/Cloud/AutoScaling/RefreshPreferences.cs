namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// StartInstanceRefresh preferences with the API's defaults: 90 % minimum healthy, 100 % maximum healthy,
/// warm-up from the group when not given, a checkpoint delay of one hour.
/// </summary>
public sealed record RefreshPreferences
{
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
}
