using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>
/// Maintenance windows across daylight-saving changes, read as the operator reads them: a window opens at each cron
/// occurrence in its zone, as Cronos computes it (an occurrence in a skipped hour fires at the first instant after the
/// gap; an occurrence in a repeated hour fires once, at its first pass, unless the schedule steps through the hour), and
/// stays open for its duration in elapsed time. Zones: America/New_York and Europe/Berlin (one hour), Australia/Lord_Howe
/// (half an hour).
/// </summary>
public sealed class MaintenanceCalendarDstTests
{
    private static MaintenanceCalendar Calendar(string schedule, string duration, string zone)
    {
        var policy = new WindowsNodePolicy { Spec = { AutoScalingGroups = { Names = ["a"] } } };
        policy.Spec.Disruption.MaintenanceWindows = [new MaintenanceWindow { Schedule = schedule, Duration = duration, TimeZone = zone }];
        var reading = PolicyValidation.Read(policy);
        Assert.Empty(reading.Problems);
        return reading.Settings!.Windows;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The instants within [<paramref name="from"/>, <paramref name="to"/>) at which the calendar turns open, minute by minute.</summary>
    private static List<DateTimeOffset> Openings(MaintenanceCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var openings = new List<DateTimeOffset>();
        var wasOpen = calendar.IsOpen(from.AddMinutes(-1));
        for (var at = from; at < to; at = at.AddMinutes(1))
        {
            var open = calendar.IsOpen(at);
            if (open && !wasOpen)
            {
                openings.Add(at);
            }

            wasOpen = open;
        }

        return openings;
    }

    /// <summary>How long the calendar is open within [<paramref name="from"/>, <paramref name="to"/>), to the minute.</summary>
    private static TimeSpan OpenFor(MaintenanceCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var minutes = 0;
        for (var at = from; at < to; at = at.AddMinutes(1))
        {
            minutes += calendar.IsOpen(at) ? 1 : 0;
        }

        return TimeSpan.FromMinutes(minutes);
    }

    public static TheoryData<string, string, DateTimeOffset, DateTimeOffset> SkippedTimes => new()
    {
        // 2027-03-14, New York: 02:00 EST becomes 03:00 EDT (07:00 UTC); 02:30 does not exist and the window opens at 03:00 EDT.
        { "America/New_York", "30 2 * * *", Utc(2027, 3, 14, 7), Utc(2027, 3, 15, 6, 30) },
        // 2027-03-28, Berlin: 02:00 CET becomes 03:00 CEST (01:00 UTC).
        { "Europe/Berlin", "30 2 * * *", Utc(2027, 3, 28, 1), Utc(2027, 3, 29, 0, 30) },
        // 2026-10-04, Lord Howe: 02:00 (+10:30) becomes 02:30 (+11:00), at 15:30 UTC the day before; 02:15 does not exist.
        { "Australia/Lord_Howe", "15 2 * * *", Utc(2026, 10, 3, 15, 30), Utc(2026, 10, 4, 15, 15) },
    };

    [Theory]
    [MemberData(nameof(SkippedTimes))]
    public void A_window_scheduled_in_the_skipped_hour_opens_once_as_the_clocks_go_forward_and_lasts_its_whole_duration(
        string zone, string schedule, DateTimeOffset opens, DateTimeOffset opensNextDay)
    {
        var calendar = Calendar(schedule, "1h", zone);

        Assert.Equal(opens, calendar.NextStart(opens.AddHours(-12)));
        Assert.Equal([opens], Openings(calendar, opens.AddHours(-12), opens.AddHours(12)));
        Assert.False(calendar.IsOpen(opens.AddMinutes(-1)));
        Assert.True(calendar.IsOpen(opens));
        Assert.True(calendar.IsOpen(opens.AddMinutes(59)));
        Assert.False(calendar.IsOpen(opens.AddHours(1)));
        Assert.Equal(opensNextDay, calendar.NextStart(opens));
    }

    public static TheoryData<string, string, string, DateTimeOffset, TimeSpan> SpanningChanges => new()
    {
        // New York, spring: 01:00 EST (06:00 UTC) for 3 h closes at 09:00 UTC, which reads 05:00 EDT.
        { "America/New_York", "0 1 14 3 *", "3h", Utc(2027, 3, 14, 6), TimeSpan.FromHours(3) },
        // New York, autumn: 00:00 EDT (04:00 UTC) for 3 h closes at 07:00 UTC, which reads 02:00 EST.
        { "America/New_York", "0 0 1 11 *", "3h", Utc(2026, 11, 1, 4), TimeSpan.FromHours(3) },
        // Berlin, spring: 01:00 CET (00:00 UTC) for 3 h closes at 03:00 UTC, 05:00 CEST.
        { "Europe/Berlin", "0 1 28 3 *", "3h", Utc(2027, 3, 28, 0), TimeSpan.FromHours(3) },
        // Berlin, autumn: 01:00 CEST (23:00 UTC) for 3 h closes at 02:00 UTC, 03:00 CET.
        { "Europe/Berlin", "0 1 25 10 *", "3h", Utc(2026, 10, 24, 23), TimeSpan.FromHours(3) },
        // Lord Howe, autumn: 01:00 (+11:00, 14:00 UTC) for 2 h closes at 16:00 UTC, 02:30 (+10:30).
        { "Australia/Lord_Howe", "0 1 5 4 *", "2h", Utc(2026, 4, 4, 14), TimeSpan.FromHours(2) },
        // Lord Howe, spring: 01:00 (+10:30, 14:30 UTC) for 2 h closes at 16:30 UTC, 03:30 (+11:00).
        { "Australia/Lord_Howe", "0 1 4 10 *", "2h", Utc(2026, 10, 3, 14, 30), TimeSpan.FromHours(2) },
    };

    [Theory]
    [MemberData(nameof(SpanningChanges))]
    public void A_window_spanning_the_change_stays_open_for_its_duration_in_real_time(
        string zone, string schedule, string duration, DateTimeOffset opens, TimeSpan lasts)
    {
        var calendar = Calendar(schedule, duration, zone);

        Assert.Equal([opens], Openings(calendar, opens.AddHours(-6), opens.AddHours(12)));
        Assert.Equal(lasts, OpenFor(calendar, opens.AddHours(-6), opens.AddHours(12)));
        Assert.True(calendar.IsOpen(opens + lasts - TimeSpan.FromSeconds(1)));
        Assert.False(calendar.IsOpen(opens + lasts));
    }

    public static TheoryData<string, string, DateTimeOffset, DateTimeOffset> RepeatedTimes => new()
    {
        // 2026-11-01, New York: 02:00 EDT becomes 01:00 EST (06:00 UTC); 01:30 reads at 05:30 and at 06:30 UTC.
        { "America/New_York", "30 1 * * *", Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30) },
        // 2026-10-25, Berlin: 03:00 CEST becomes 02:00 CET (01:00 UTC); 02:30 reads at 00:30 and at 01:30 UTC.
        { "Europe/Berlin", "30 2 * * *", Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30) },
        // 2026-04-05, Lord Howe: 02:00 (+11:00) becomes 01:30 (+10:30) at 15:00 UTC the day before; 01:45 reads at 14:45 and 15:15 UTC.
        { "Australia/Lord_Howe", "45 1 * * *", Utc(2026, 4, 4, 14, 45), Utc(2026, 4, 5, 15, 15) },
    };

    [Theory]
    [MemberData(nameof(RepeatedTimes))]
    public void A_window_in_the_repeated_hour_opens_once_at_its_first_pass(string zone, string schedule, DateTimeOffset opens, DateTimeOffset opensNextDay)
    {
        var calendar = Calendar(schedule, "20m", zone);

        Assert.Equal(opens, calendar.NextStart(opens.AddHours(-12)));
        Assert.Equal([opens], Openings(calendar, opens.AddHours(-12), opens.AddHours(12)));
        Assert.Equal(TimeSpan.FromMinutes(20), OpenFor(calendar, opens.AddHours(-12), opens.AddHours(12)));
        Assert.Equal(opensNextDay, calendar.NextStart(opens));
    }

    [Fact]
    public void A_schedule_stepping_through_the_repeated_hour_fires_in_both_passes_as_cron_does()
    {
        // Every 30 minutes from 01:00 to 01:59 New York time, for 10 minutes: on 2026-11-01 that hour passes twice.
        var calendar = Calendar("*/30 1 * * *", "10m", "America/New_York");

        Assert.Equal(
            [Utc(2026, 11, 1, 5), Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 1, 6), Utc(2026, 11, 1, 6, 30)],
            Openings(calendar, Utc(2026, 11, 1, 0), Utc(2026, 11, 1, 12)));
    }
}
