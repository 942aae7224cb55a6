using System.Globalization;

namespace WindowsNodeOperator.Cli;

/// <summary>Short human durations for tables: <c>45d</c>, <c>7h</c>, <c>12m</c>, negative when past.</summary>
internal static class Durations
{
    public static string Short(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return "-";
        }

        var sign = value < TimeSpan.Zero ? "-" : string.Empty;
        var abs = value.Duration();
        return sign + (abs.TotalDays >= 1
            ? ((int)abs.TotalDays).ToString(CultureInfo.InvariantCulture) + "d"
            : abs.TotalHours >= 1
                ? ((int)abs.TotalHours).ToString(CultureInfo.InvariantCulture) + "h"
                : ((int)abs.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m");
    }
}
