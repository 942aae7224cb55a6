using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace WindowsNodeOperator.Tests.Notifications;

/// <summary>A fake clock that reports each timer created on it, so a test advances exactly when the sender waits.</summary>
internal sealed class ObservedClock(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public ObservedClock()
        : this(new FakeTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)))
    {
    }

    public FakeTimeProvider Fake => fake;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Writer.TryWrite(dueTime);
        return fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (real time, guarded) until a timer of <paramref name="due"/> is created, then moves the clock past it.</summary>
    public async Task FireAsync(TimeSpan due)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _timers.Reader.ReadAsync(guard.Token) != due)
        {
        }

        fake.Advance(due);
    }
}
