namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

internal static class Form
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string body) =>
        [.. body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "");
        })];

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
