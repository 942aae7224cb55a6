using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>Small readers shared by the column definitions.</summary>
internal static class Cells
{
    public const string NameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    public const string CreationDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.";

    public static TableColumn Name { get; } = new("Name", "string", NameDescription, (o, _) => Text(o, "metadata.name"), Format: "name");

    public static TableColumn Age { get; } = new("Age", "string", CreationDescription, (o, now) => HumanDuration.Since(Time(o, "metadata.creationTimestamp"), now));

    public static TableColumn CreatedAt { get; } = new("Created At", "date", CreationDescription, (o, _) =>
        Time(o, "metadata.creationTimestamp") is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "0001-01-01T00:00:00Z");

    public static JsonNode? At(JsonNode? obj, string path)
    {
        var current = obj;
        foreach (var part in path.Split('.'))
        {
            current = current is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return current;
    }

    public static string? Text(JsonNode? obj, string path) => At(obj, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static string TextOr(JsonNode? obj, string path, string fallback) => Text(obj, path) is { Length: > 0 } s ? s : fallback;

    public static long Integer(JsonNode? obj, string path) =>
        At(obj, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (long)d : 0;

    public static DateTimeOffset? Time(JsonNode? obj, string path) =>
        Text(obj, path) is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static IEnumerable<JsonObject> Items(JsonNode? obj, string path) => (At(obj, path) as JsonArray)?.OfType<JsonObject>() ?? [];

    /// <summary>An int-or-string value as kubectl prints it, or "N/A" when unset.</summary>
    public static string IntOrString(JsonNode? obj, string path) => At(obj, path) switch
    {
        null => "N/A",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var v => v.ToJsonString(),
    };

    public static string Selector(JsonNode? obj, string path)
    {
        var selector = At(obj, path);
        if (selector is null)
        {
            return "<none>";
        }

        var parts = (At(selector, "matchLabels") as JsonObject)?.Select(p => $"{p.Key}={p.Value}").ToList() ?? [];
        foreach (var e in Items(selector, "matchExpressions"))
        {
            var values = (e["values"] as JsonArray)?.Select(v => v?.ToString()) ?? [];
            parts.Add(Text(e, "operator") switch
            {
                "In" => $"{Text(e, "key")} in ({string.Join(',', values)})",
                "NotIn" => $"{Text(e, "key")} notin ({string.Join(',', values)})",
                "DoesNotExist" => $"!{Text(e, "key")}",
                _ => Text(e, "key") ?? string.Empty,
            });
        }

        return parts.Count == 0 ? "<none>" : string.Join(',', parts);
    }

    public static string MapOrNone(JsonNode? obj, string path) =>
        At(obj, path) is JsonObject { Count: > 0 } map ? string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) : "<none>";
}
