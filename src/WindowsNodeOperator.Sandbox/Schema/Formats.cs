using System.Globalization;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>The string formats checked here, with kube-openapi's rules; other formats are accepted as they are.</summary>
internal static partial class Formats
{
    public static bool IsValid(string format, string value) => format switch
    {
        "date-time" or "datetime" => IsDateTime(value),
        "date" => IsDate(value),
        _ => true,
    };

    // kube-openapi (strfmt.IsDateTime): a calendar date, 't', then hh:mm:ss[.frac] and a 'z' or ±hh:mm zone, case-insensitive.
    private static bool IsDateTime(string value)
    {
        if (value.Length < 4)
        {
            return false;
        }

        var parts = value.ToLowerInvariant().Split('t');
        if (parts.Length < 2 || !IsDate(parts[0]))
        {
            return false;
        }

        var match = TimeOfDay().Match(parts[1]);
        return match.Success
            && string.CompareOrdinal(match.Groups[1].Value, "23") <= 0
            && string.CompareOrdinal(match.Groups[2].Value, "59") <= 0
            && string.CompareOrdinal(match.Groups[3].Value, "59") <= 0;
    }

    private static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\z", RegexOptions.ECMAScript)]
    private static partial Regex TimeOfDay();
}
