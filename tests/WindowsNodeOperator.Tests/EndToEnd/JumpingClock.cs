using Microsoft.Extensions.Time.Testing;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A host's clocks after an NTP step: the wall clock (<see cref="GetUtcNow"/>) reads the fake clock plus an offset the
/// test moves at will, while monotonic time (<see cref="GetTimestamp"/>) and every timer and delay stay the fake clock's,
/// which a wall-clock step does not move (.NET's <c>Stopwatch</c> and timers run on the monotonic clock). Given to the
/// operator alone: the sandbox's API server and AWS keep their own, true, time.
/// </summary>
internal sealed class JumpingClock(FakeTimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far the wall clock reads from the true (fake) time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Steps the wall clock by <paramref name="by"/> (negative: back), as an NTP step would.</summary>
    public void Jump(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
