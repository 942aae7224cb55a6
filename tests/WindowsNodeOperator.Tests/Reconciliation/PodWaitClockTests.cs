using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class PodWaitClockTests
{
    [Fact]
    public void A_pod_waits_from_the_first_look_that_found_it_not_Ready_each_pod_on_its_own()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var clock = new PodWaitClock(time);

        Assert.Equal(TimeSpan.Zero, clock.Waited("uid-a"));
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.Zero, clock.Waited("uid-b"));
        time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(TimeSpan.FromMinutes(16), clock.Waited("uid-a"));
        Assert.Equal(TimeSpan.FromMinutes(6), clock.Waited("uid-b"));
    }

    [Fact]
    public void A_pod_not_looked_at_for_over_an_hour_is_forgotten_and_counts_again()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var clock = new PodWaitClock(time);
        clock.Waited("uid-a");

        time.Advance(TimeSpan.FromMinutes(61));
        clock.Waited("uid-b");

        Assert.Equal(TimeSpan.Zero, clock.Waited("uid-a"));
    }
}
