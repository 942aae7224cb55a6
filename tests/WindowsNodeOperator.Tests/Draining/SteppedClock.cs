using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>
/// A fake clock that knows how many of its timers are armed, so a test can advance it only once the code under test is
/// parked on the clock (and not still running a continuation on another thread).
/// </summary>
internal sealed class SteppedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _armed;
    private int _changes;

    public int Armed => Volatile.Read(ref _armed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);
        tracked.Arm(dueTime != Timeout.InfiniteTimeSpan);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
                {
                    tracked.Arm(false);
                }

                callback(s);
            },
            state,
            dueTime,
            period);
        return tracked;
    }

    /// <summary>
    /// Spins (yielding, never sleeping) until <paramref name="done"/>, or until <paramref name="armed"/> timers wait and no
    /// timer has been armed or disarmed for a while (a continuation still running on another thread may arm one more);
    /// fails after 10 s.
    /// </summary>
    public async Task SettleAsync(Func<bool> done, int armed)
    {
        const int QuietYields = 200;
        var watch = Stopwatch.StartNew();
        var quiet = 0;
        var seen = Volatile.Read(ref _changes);
        while (!done())
        {
            var changes = Volatile.Read(ref _changes);
            quiet = changes == seen ? quiet + 1 : 0;
            seen = changes;
            if (Armed >= armed && quiet >= QuietYields)
            {
                return;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the code under test did not park on the clock ({Armed} timers armed)");
            await Task.Yield();
        }
    }

    private sealed class TrackedTimer(SteppedClock clock) : ITimer
    {
        private int _armed;

        public ITimer Inner { get; set; } = null!;

        public void Arm(bool armed)
        {
            var now = armed ? 1 : 0;
            var before = Interlocked.Exchange(ref _armed, now);
            Interlocked.Add(ref clock._armed, now - before);
            Interlocked.Increment(ref clock._changes);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime != Timeout.InfiniteTimeSpan);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Arm(false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Arm(false);
            return Inner.DisposeAsync();
        }
    }
}
