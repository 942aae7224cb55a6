using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Tests.EndToEnd;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>A drain's elapsed time: from the cordon's wall-clock time at the first look, then on the monotonic clock.</summary>
public sealed class DrainClockTests
{
    private static readonly DateTimeOffset Cordoned = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake = new(Cordoned.AddMinutes(10));

    [Theory]
    [InlineData(24)]
    [InlineData(-24)]
    [InlineData(2)]
    [InlineData(-2)]
    public void A_step_of_the_wall_clock_mid_drain_neither_adds_to_nor_takes_from_the_drain(int hours)
    {
        var clock = new JumpingClock(_fake);
        var drains = new DrainClock(clock);
        Assert.Equal(TimeSpan.FromMinutes(10), drains.Elapsed("node-a", Cordoned));

        clock.Jump(TimeSpan.FromHours(hours));
        _fake.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(15), drains.Elapsed("node-a", Cordoned));
    }

    [Fact]
    public void A_new_process_counts_from_the_cordon_on_the_wall_clock_and_a_cordon_in_the_future_as_just_begun()
    {
        var drains = new DrainClock(_fake);

        Assert.Equal(TimeSpan.FromMinutes(10), drains.Elapsed("node-a", Cordoned));
        Assert.Equal(TimeSpan.Zero, drains.Elapsed("node-b", Cordoned.AddHours(1)));
        _fake.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMinutes(1), drains.Elapsed("node-b", Cordoned.AddHours(1)));
    }

    [Fact]
    public void A_forgotten_drain_is_read_from_the_wall_clock_again()
    {
        var clock = new JumpingClock(_fake);
        var drains = new DrainClock(clock);
        drains.Elapsed("node-a", Cordoned);
        clock.Jump(TimeSpan.FromHours(1));

        drains.Forget("node-a");

        Assert.Equal(TimeSpan.FromMinutes(70), drains.Elapsed("node-a", Cordoned));
    }
}
