namespace WindowsNodeOperator.Draining;

/// <summary>The drain's cadence: how often it re-lists the node's pods, and the backoff of a refused eviction.</summary>
internal sealed record DrainerSettings
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan EvictionBackoffBase { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan EvictionBackoffCap { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After a forced delete, how much longer than the longest grace period to wait for the pods to go.</summary>
    public TimeSpan ForceMargin { get; init; } = TimeSpan.FromMinutes(1);
}
