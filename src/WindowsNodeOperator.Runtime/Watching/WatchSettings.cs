namespace WindowsNodeOperator.Runtime.Watching;

/// <summary>What one watcher lists and watches, and how often it re-enqueues everything it holds.</summary>
internal sealed record WatchSettings(ResourceType Type, string? LabelSelector = null, TimeSpan? ResyncPeriod = null)
{
    public int PageSize { get; init; } = 500;

    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
