using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Queues;
using WindowsNodeOperator.Tests.EndToEnd;

namespace WindowsNodeOperator.Tests.Runtime;

/// <summary>The work queue's delays and ages under a wall clock stepped by NTP: they follow the monotonic clock.</summary>
public sealed class WorkQueueClockTests
{
    private static readonly ObjectKey Key = new(null, "windows-default");

    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(-24)]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(24)]
    public void A_requeue_comes_after_its_delay_whichever_way_the_wall_clock_steps(int hours)
    {
        var clock = new JumpingClock(_fake);
        using var queue = new WorkQueue<ObjectKey>(clock);
        queue.AddAfter(Key, TimeSpan.FromSeconds(30));

        clock.Jump(TimeSpan.FromHours(hours));
        _fake.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, queue.Count);
        Assert.Equal(clock.GetUtcNow().AddSeconds(1), queue.NextDue);

        _fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task Work_under_way_is_as_old_as_it_is_however_far_the_wall_clock_steps_forward()
    {
        var clock = new JumpingClock(_fake);
        using var queue = new WorkQueue<ObjectKey>(clock);
        queue.Add(Key);
        await queue.GetAsync(CancellationToken.None);
        _fake.Advance(TimeSpan.FromSeconds(10));

        // A liveness probe reads the age on the wall clock: a step of a day is no reconcile stuck for a day.
        clock.Jump(TimeSpan.FromDays(1));
        Assert.Equal(TimeSpan.FromSeconds(10), clock.GetUtcNow() - queue.OldestUnfinished);
    }

    [Fact]
    public void A_requeue_further_out_than_a_timer_can_be_set_is_kept_and_comes_due()
    {
        // The system's timers refuse a due time past about 49.7 days.
        using (var real = new WorkQueue<ObjectKey>(TimeProvider.System))
        {
            real.AddAfter(Key, TimeSpan.FromDays(60));
            Assert.NotNull(real.NextDue);
        }

        using var queue = new WorkQueue<ObjectKey>(_fake);
        queue.AddAfter(Key, TimeSpan.FromDays(60));
        for (var day = 0; day < 59; day++)
        {
            _fake.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(0, queue.Count);
        _fake.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, queue.Count);
    }
}
