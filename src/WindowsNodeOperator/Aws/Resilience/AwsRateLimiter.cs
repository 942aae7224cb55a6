namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// A token bucket holding one second's worth of calls: each acquisition reserves a token and waits until it is
/// due, so callers are spaced evenly once the burst is spent. Refills on the monotonic clock, which a step of the wall
/// clock does not move.
/// </summary>
internal sealed class AwsRateLimiter
{
    private readonly Lock _gate = new();
    private readonly double _perSecond;
    private readonly double _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public AwsRateLimiter(double perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        _perSecond = perSecond;
        _burst = Math.Max(1, perSecond);
        _time = time;
        _tokens = _burst;
        _last = time.GetTimestamp();
    }

    public Task AcquireAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = Math.Max(0, _time.GetElapsedTime(_last, now).TotalSeconds);
            _last = now;
            _tokens = Math.Min(_burst, _tokens + (elapsed * _perSecond)) - 1;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }

        return wait == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, ct);
    }
}
