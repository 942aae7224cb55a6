using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Hosting.Clock;

namespace WindowsNodeOperator.Tests.Hosting;

public sealed class AcceleratedTimeProviderTests
{
    private readonly FakeTimeProvider _real = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Now_moves_speed_times_as_fast_from_the_start()
    {
        var clock = new AcceleratedTimeProvider(_real, 60);

        _real.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 10, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void Elapsed_time_from_timestamps_is_accelerated_too()
    {
        var clock = new AcceleratedTimeProvider(_real, 30);
        var started = clock.GetTimestamp();

        _real.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromMinutes(1), clock.GetElapsedTime(started));
    }

    [Fact]
    public async Task A_delay_on_the_accelerated_clock_ends_after_its_share_of_real_time()
    {
        var clock = new AcceleratedTimeProvider(_real, 100);
        var delay = Task.Delay(TimeSpan.FromMinutes(10), clock);

        _real.Advance(TimeSpan.FromSeconds(5.99));
        Assert.False(delay.IsCompleted);
        _real.Advance(TimeSpan.FromSeconds(0.01));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Timers_fire_at_their_accelerated_period_and_follow_changes()
    {
        var clock = new AcceleratedTimeProvider(_real, 10);
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        _real.Advance(TimeSpan.FromSeconds(1));
        _real.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, ticks);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _real.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, ticks);

        timer.Change(TimeSpan.FromSeconds(50), Timeout.InfiniteTimeSpan);
        _real.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, ticks);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_speed_that_is_not_positive_is_refused(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AcceleratedTimeProvider(_real, speed));
}
