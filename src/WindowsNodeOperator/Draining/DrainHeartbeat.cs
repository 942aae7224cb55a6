namespace WindowsNodeOperator.Draining;

/// <summary>Called every <paramref name="Interval"/> for as long as a drain runs (the caller heartbeats its lifecycle hook).</summary>
internal sealed record DrainHeartbeat(TimeSpan Interval, Func<DrainProgress, CancellationToken, Task> Callback);
