using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>Tolerant reads of the few fields the progress looks at; a missing or mistyped field is null.</summary>
internal static class JsonRead
{
    public static string? Str(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Any integral number, whether the value was parsed from text or written as an int or a long.</summary>
    public static long? Long(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static bool Bool(JsonNode? node, params ReadOnlySpan<string> path) =>
        At(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static DateTimeOffset? Time(JsonNode? node, params ReadOnlySpan<string> path) =>
        DateTimeOffset.TryParse(Str(node, path), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static string Name(JsonNode? obj) => Str(obj, "metadata", "name") ?? string.Empty;

    public static string? Annotation(JsonNode? obj, string key) => Str(obj?["metadata"]?["annotations"], key);

    public static JsonObject? Condition(JsonNode? obj, string type) =>
        (obj?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Str(c, "type") == type);

    private static JsonNode? At(JsonNode? node, ReadOnlySpan<string> path)
    {
        foreach (var part in path)
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }
}
