using WindowsNodeOperator.Sandbox.Kubernetes.Tables;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Tables;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(-2, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(121, "2m1s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(630, "10m")]
    [InlineData(179 * 60 + 59, "179m")]
    [InlineData(180 * 60, "3h")]
    [InlineData(185 * 60, "3h5m")]
    [InlineData(8 * 3600 - 60, "7h59m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(47 * 3600 + 3599, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData(191 * 3600, "7d23h")]
    [InlineData(192 * 3600, "8d")]
    [InlineData(45L * 86400, "45d")]
    [InlineData(729L * 86400, "729d")]
    [InlineData(730L * 86400, "2y")]
    [InlineData(731L * 86400, "2y1d")]
    [InlineData(8L * 365 * 86400 - 86400, "7y364d")]
    [InlineData(8L * 365 * 86400, "8y")]
    [InlineData(20L * 365 * 86400, "20y")]
    public void Matches_kube_human_duration(long seconds, string expected)
    {
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Sub_second_values_truncate_and_missing_timestamps_are_unknown()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("1s", HumanDuration.Format(TimeSpan.FromMilliseconds(1999)));
        Assert.Equal("0s", HumanDuration.Format(TimeSpan.FromMilliseconds(-1500)));
        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
        Assert.Equal("5m", HumanDuration.Since(now.AddMinutes(-5), now));
    }
}
