using Cronos;

namespace WindowsNodeOperator.Planning;

/// <summary>One parsed maintenance window: open for <paramref name="Duration"/> from each cron occurrence in <paramref name="Zone"/>.</summary>
internal sealed record MaintenanceWindowSchedule(CronExpression Cron, TimeSpan Duration, TimeZoneInfo Zone)
{
    /// <summary>Whether an occurrence at or before <paramref name="now"/> still holds the window open.</summary>
    public bool IsOpen(DateTimeOffset now)
    {
        // The latest occurrence closes last, so it alone decides.
        var opened = Cron.GetPreviousOccurrence(now, Zone, inclusive: true);
        return opened is { } start && now < start + Duration;
    }

    /// <summary>The first opening strictly after <paramref name="now"/>, if the schedule fires again.</summary>
    public DateTimeOffset? NextStart(DateTimeOffset now) => Cron.GetNextOccurrence(now, Zone, inclusive: false);
}
