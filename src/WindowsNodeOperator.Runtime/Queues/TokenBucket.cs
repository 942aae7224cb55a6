namespace WindowsNodeOperator.Runtime.Queues;

/// <summary>An overall limit on requeues: each reservation takes a token and returns how long to wait for it.</summary>
internal sealed class TokenBucket(double tokensPerSecond, int burst, TimeProvider time)
{
    private double _tokens = burst;
    private DateTimeOffset _last = time.GetUtcNow();

    public TimeSpan Reserve()
    {
        var now = time.GetUtcNow();
        var elapsed = Math.Max(0, (now - _last).TotalSeconds);
        _last = now;
        _tokens = Math.Min(burst, _tokens + (elapsed * tokensPerSecond)) - 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / tokensPerSecond);
    }
}
