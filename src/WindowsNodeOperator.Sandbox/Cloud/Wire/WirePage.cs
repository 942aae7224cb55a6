using System.Globalization;
using System.Text;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// NextToken paging over a list the service has already filtered and ordered. The token is opaque to the caller
/// (the offset of the next item, base64-encoded); a token it did not get from here is refused.
/// </summary>
internal static class WirePage
{
    public static (IReadOnlyList<T> Page, string? NextToken) Take<T>(
        IReadOnlyList<T> items, int? requested, int defaultSize, int min, int max, string? token, Func<string, SimulatedAwsException> invalidToken, Func<int, SimulatedAwsException> invalidSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (requested is { } n && (n < min || n > max))
        {
            throw invalidSize(n);
        }

        var offset = string.IsNullOrEmpty(token) ? 0 : Decode(token) ?? throw invalidToken(token);
        var page = items.Skip(offset).Take(requested ?? defaultSize).ToList();
        var next = offset + page.Count;
        return (page, next < items.Count ? Encode(next) : null);
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"offset:{offset}")));

    private static int? Decode(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text["offset:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
