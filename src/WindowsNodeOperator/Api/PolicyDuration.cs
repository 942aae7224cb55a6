using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace WindowsNodeOperator.Api;

/// <summary>
/// The one duration format of the policy: <c>&lt;int&gt;&lt;unit&gt;</c> parts with units d, h, m, s, each at most once and in
/// that order (<c>45d</c>, <c>24h</c>, <c>1h30m</c>, <c>90s</c>); the CRD's <see cref="Pattern"/> accepts exactly this.
/// </summary>
public readonly record struct PolicyDuration(TimeSpan Value)
{
    /// <summary>The CRD pattern (RE2 and ECMAScript compatible); the CRD adds minLength 2 to reject the empty string.</summary>
    public const string Pattern = "^([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?$";

    private static readonly (char Unit, TimeSpan Size)[] Units =
        [('d', TimeSpan.FromDays(1)), ('h', TimeSpan.FromHours(1)), ('m', TimeSpan.FromMinutes(1)), ('s', TimeSpan.FromSeconds(1))];

    public static PolicyDuration Parse(string text) =>
        TryParse(text, out var duration, out var reason) ? duration : throw new FormatException(reason);

    public static bool TryParse(string? text, out PolicyDuration duration) => TryParse(text, out duration, out _);

    public static bool TryParse(
        string? text, out PolicyDuration duration, [NotNullWhen(false)] out string? reason)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            reason = "a duration must not be empty";
            return false;
        }

        var total = TimeSpan.Zero;
        var position = 0;
        var nextUnit = 0;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == start)
            {
                reason = $"'{text}' is not a duration: expected a number at position {start} (use forms like 45d, 24h, 1h30m, 90s)";
                return false;
            }

            if (position == text.Length)
            {
                reason = $"'{text}' is not a duration: the number at position {start} has no unit (d, h, m or s)";
                return false;
            }

            var unitIndex = Array.FindIndex(Units, nextUnit, u => u.Unit == text[position]);
            if (unitIndex < 0)
            {
                reason = Array.Exists(Units, u => u.Unit == text[position])
                    ? $"'{text}' is not a duration: units must appear once each, in the order d, h, m, s"
                    : $"'{text}' is not a duration: unknown unit '{text[position]}' (use d, h, m or s)";
                return false;
            }

            if (!long.TryParse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count > TimeSpan.MaxValue.Ticks / Units[unitIndex].Size.Ticks
                || TimeSpan.MaxValue - total < Units[unitIndex].Size * count)
            {
                reason = $"'{text}' is too long a duration";
                return false;
            }

            total += Units[unitIndex].Size * count;
            nextUnit = unitIndex + 1;
            position++;
        }

        duration = new PolicyDuration(total);
        reason = null;
        return true;
    }

    /// <summary>The canonical form, largest units first, zero parts left out (<c>0s</c> for zero).</summary>
    public override string ToString()
    {
        if (Value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        var remaining = Value.Ticks;
        foreach (var (unit, size) in Units)
        {
            var count = remaining / size.Ticks;
            remaining -= count * size.Ticks;
            if (count > 0)
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }

        return builder.Length == 0 ? "0s" : builder.ToString();
    }

    public static implicit operator TimeSpan(PolicyDuration duration) => duration.Value;
}
