namespace WindowsNodeOperator.Sandbox.Hosting.Clock;

/// <summary>
/// A clock that runs <c>speed</c> times faster than another from the moment it is made: now, timestamps, delays and
/// timers all follow, so a sandbox hour of node replacement can be watched in minutes.
/// </summary>
internal sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _start;
    private readonly long _startTimestamp;

    public AcceleratedTimeProvider(TimeProvider inner, double speed)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _inner = inner;
        Speed = speed;
        _start = inner.GetUtcNow();
        _startTimestamp = inner.GetTimestamp();
    }

    public double Speed { get; }

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    // Measured on the inner monotonic clock, so a wall-clock step (NTP) does not jump the accelerated one.
    public override DateTimeOffset GetUtcNow() => _start + (_inner.GetElapsedTime(_startTimestamp) * Speed);

    public override long GetTimestamp() => _startTimestamp + (long)((_inner.GetTimestamp() - _startTimestamp) * Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new AcceleratedTimer(_inner.CreateTimer(callback, state, ToInner(dueTime), ToInner(period)), this);

    internal TimeSpan ToInner(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : span / Speed;
}
