namespace WindowsNodeOperator.Runtime.Queues;

/// <summary>
/// An overall limit on requeues: each reservation takes a token and returns how long to wait for it. Refills on the
/// monotonic clock, which a step of the wall clock does not move.
/// </summary>
internal sealed class TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private long _last = time.GetTimestamp();

    public TimeSpan Reserve()
    {
        var now = time.GetTimestamp();
        var elapsed = Math.Max(0, time.GetElapsedTime(_last, now).TotalSeconds);
        _last = now;
        _tokens = Math.Min(burst, _tokens + (elapsed * tokensPerSecond)) - 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / tokensPerSecond);
    }
}
