using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class MaintenanceWindowTests
{
    private static MaintenanceCalendar Calendar(params MaintenanceWindow[] windows)
    {
        var policy = new WindowsNodePolicy { Spec = { AutoScalingGroups = { Names = ["a"] } } };
        policy.Spec.Disruption.MaintenanceWindows = [.. windows];
        var reading = PolicyValidation.Read(policy);
        Assert.Empty(reading.Problems);
        return reading.Settings!.Windows;
    }

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_is_open_from_its_start_for_its_duration()
    {
        // Saturdays 02:00 UTC for 4h; 2026-03-07 is a Saturday.
        var calendar = Calendar(new MaintenanceWindow { Schedule = "0 2 * * 6", Duration = "4h" });

        Assert.False(calendar.IsOpen(Utc(7, 1, 59)));
        Assert.True(calendar.IsOpen(Utc(7, 2)));
        Assert.True(calendar.IsOpen(Utc(7, 5, 59)));
        Assert.False(calendar.IsOpen(Utc(7, 6)));
        Assert.Equal(Utc(14, 2), calendar.NextStart(Utc(7, 2)));
        Assert.Equal(Utc(7, 2), calendar.NextStart(Utc(6, 12)));
    }

    [Fact]
    public void A_window_reads_its_cron_in_its_time_zone()
    {
        // 02:00 in Berlin is 01:00 UTC in winter (CET, UTC+1).
        var calendar = Calendar(new MaintenanceWindow { Schedule = "0 2 * * *", Duration = "1h", TimeZone = "Europe/Berlin" });

        Assert.True(calendar.IsOpen(Utc(9, 1, 30)));
        Assert.False(calendar.IsOpen(Utc(9, 2, 30)));
        Assert.Equal(Utc(10, 1), calendar.NextStart(Utc(9, 1, 30)));
    }

    [Fact]
    public void A_window_longer_than_its_period_stays_open()
    {
        var calendar = Calendar(new MaintenanceWindow { Schedule = "0 * * * *", Duration = "90m" });

        Assert.True(calendar.IsOpen(Utc(9, 10, 59)));
    }

    [Fact]
    public void Any_window_open_is_enough_and_the_next_start_is_the_earliest()
    {
        var calendar = Calendar(
            new MaintenanceWindow { Schedule = "0 2 * * *", Duration = "1h" },
            new MaintenanceWindow { Schedule = "0 14 * * *", Duration = "1h" });

        Assert.True(calendar.IsOpen(Utc(9, 14, 30)));
        Assert.Equal(Utc(10, 2), calendar.NextStart(Utc(9, 14, 30)));
    }

    [Fact]
    public void Without_windows_it_is_always_open_and_nothing_is_next()
    {
        var calendar = Calendar();

        Assert.True(calendar.IsOpen(Utc(9, 3)));
        Assert.Null(calendar.NextStart(Utc(9, 3)));
    }
}
