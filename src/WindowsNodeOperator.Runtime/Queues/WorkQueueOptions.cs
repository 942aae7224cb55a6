namespace WindowsNodeOperator.Runtime.Queues;

/// <summary>
/// Requeue rate limits: per-key exponential backoff from <see cref="BaseDelay"/> to <see cref="MaxDelay"/>,
/// and an overall token bucket. The defaults are client-go's (5 ms to 1000 s, 10 per second, burst 100).
/// </summary>
public sealed record WorkQueueOptions
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1000);

    public double RequeuesPerSecond { get; init; } = 10;

    public int Burst { get; init; } = 100;
}
