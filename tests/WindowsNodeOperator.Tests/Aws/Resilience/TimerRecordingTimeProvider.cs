using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace WindowsNodeOperator.Tests.Aws.Resilience;

/// <summary>A fake clock that reports every timer created on it, so a test can advance exactly to its due time.</summary>
internal sealed class TimerRecordingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly Channel<(TimeSpan Due, DateTimeOffset At)> _timers = Channel.CreateUnbounded<(TimeSpan, DateTimeOffset)>();

    public FakeTimeProvider Fake => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new RecordingTimer(inner.CreateTimer(callback, state, dueTime, period), this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime >= TimeSpan.Zero)
        {
            _timers.Writer.TryWrite((dueTime, inner.GetUtcNow() + dueTime));
        }
    }

    /// <summary>Runs <paramref name="task"/> to its end, firing each timer it waits on; returns their due times in order.</summary>
    public async Task<List<TimeSpan>> DriveAsync(Task task)
    {
        var waits = new List<TimeSpan>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var nextTimer = _timers.Reader.ReadAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(task, nextTimer) == task)
            {
                return waits;
            }

            var (due, at) = await nextTimer;
            waits.Add(due);
            var ahead = at - inner.GetUtcNow();
            if (ahead > TimeSpan.Zero)
            {
                inner.Advance(ahead);
            }
        }
    }

    private sealed class RecordingTimer(ITimer timer, TimerRecordingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return timer.Change(dueTime, period);
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
