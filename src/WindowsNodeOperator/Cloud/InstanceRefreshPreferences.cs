namespace WindowsNodeOperator.Cloud;

/// <summary>The refresh preferences; a null leaves the service default.</summary>
internal sealed record InstanceRefreshPreferences
{
    public int? MinHealthyPercentage { get; init; }

    public int? MaxHealthyPercentage { get; init; }

    public TimeSpan? InstanceWarmup { get; init; }

    public bool? SkipMatching { get; init; }

    public IReadOnlyList<int>? CheckpointPercentages { get; init; }

    public TimeSpan? CheckpointDelay { get; init; }

    public bool? AutoRollback { get; init; }

    public ScaleInProtectedInstances? ScaleInProtectedInstances { get; init; }

    public StandbyInstances? StandbyInstances { get; init; }

    public TimeSpan? BakeTime { get; init; }
}
