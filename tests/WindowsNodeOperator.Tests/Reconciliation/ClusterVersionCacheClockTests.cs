using Microsoft.Extensions.Time.Testing;
using Moq;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Tests.EndToEnd;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>The cluster version cache under a wall clock stepped by NTP.</summary>
public sealed class ClusterVersionCacheClockTests
{
    [Fact]
    public async Task After_the_wall_clock_steps_back_a_day_the_version_is_read_again_and_then_kept_for_its_hour()
    {
        var fake = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var clock = new JumpingClock(fake);
        var client = new Mock<IPolicyClient>();
        client.SetupSequence(c => c.GetKubernetesVersionAsync(It.IsAny<CancellationToken>())).ReturnsAsync("1.31").ReturnsAsync("1.32");
        using var cache = new ClusterVersionCache(client.Object, clock);
        Assert.Equal("1.31", await cache.GetAsync(CancellationToken.None));

        clock.Jump(TimeSpan.FromDays(-1));

        Assert.Equal("1.32", await cache.GetAsync(CancellationToken.None));
        fake.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal("1.32", await cache.GetAsync(CancellationToken.None));
        client.Verify(c => c.GetKubernetesVersionAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
