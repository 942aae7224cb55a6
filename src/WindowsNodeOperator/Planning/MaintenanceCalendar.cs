namespace WindowsNodeOperator.Planning;

/// <summary>The policy's maintenance windows; with none, work may start at any time.</summary>
internal sealed record MaintenanceCalendar(IReadOnlyList<MaintenanceWindowSchedule> Windows)
{
    public static MaintenanceCalendar Always { get; } = new([]);

    public bool Restricted => Windows.Count > 0;

    public bool IsOpen(DateTimeOffset now) => !Restricted || Windows.Any(w => w.IsOpen(now));

    public DateTimeOffset? NextStart(DateTimeOffset now) =>
        Windows.Select(w => w.NextStart(now)).Where(s => s is not null).Min();
}
