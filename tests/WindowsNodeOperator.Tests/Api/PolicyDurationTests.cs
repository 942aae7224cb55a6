using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Tests.Api;

public sealed class PolicyDurationTests
{
    [Theory]
    [InlineData("45d", 45 * 24 * 3600)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1d2h3m4s", 93784)]
    [InlineData("0s", 0)]
    [InlineData("007m", 420)]
    public void Parses_valid_durations(string text, long seconds)
    {
        Assert.True(PolicyDuration.TryParse(text, out var duration, out var reason));
        Assert.Null(reason);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration.Value);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("45", "no unit")]
    [InlineData("d", "expected a number")]
    [InlineData("1w", "unknown unit 'w'")]
    [InlineData("30m1h", "in the order d, h, m, s")]
    [InlineData("1h1h", "in the order d, h, m, s")]
    [InlineData("-5m", "expected a number")]
    [InlineData("1.5h", "unknown unit '.'")]
    [InlineData("99999999999999999999d", "too long")]
    [InlineData("10675200d", "too long")]
    public void Rejects_invalid_durations_with_a_reason(string text, string reasonPart)
    {
        Assert.False(PolicyDuration.TryParse(text, out _, out var reason));
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PolicyDuration.Parse(text));
    }

    [Theory]
    [InlineData("45d", "45d")]
    [InlineData("90s", "1m30s")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("48h", "2d")]
    [InlineData("0s", "0s")]
    [InlineData("1d0h5s", "1d5s")]
    public void Formats_canonically_and_round_trips(string text, string canonical)
    {
        var duration = PolicyDuration.Parse(text);

        Assert.Equal(canonical, duration.ToString());
        Assert.Equal(duration, PolicyDuration.Parse(duration.ToString()));
    }

    [Fact]
    public void Round_trips_any_whole_second_value()
    {
        foreach (var seconds in new long[] { 1, 59, 60, 61, 3599, 3600, 86399, 86400, 90061, 31_536_000, 123_456_789 })
        {
            var duration = new PolicyDuration(TimeSpan.FromSeconds(seconds));
            Assert.Equal(duration, PolicyDuration.Parse(duration.ToString()));
        }
    }
}
