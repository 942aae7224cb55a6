using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Small accessors for metadata of schemaless objects.</summary>
internal static class Meta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static string? Str(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer however it was built (parsed JSON, int or long).</summary>
    public static long? Long(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        _ => null,
    };

    public static string Name(JsonObject obj) => Str(obj["metadata"], "name") ?? "";

    public static string? Namespace(JsonObject obj) => Str(obj["metadata"], "namespace");

    public static string? ResourceVersion(JsonObject obj) => Str(obj["metadata"], "resourceVersion");

    public static string? Uid(JsonObject obj) => Str(obj["metadata"], "uid");

    public static bool IsDeleting(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list
            ? list.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList()
            : [];

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
            }
        }

        return labels;
    }

    /// <summary>metav1.Time: RFC 3339 in seconds.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>metav1.MicroTime: RFC 3339 with microseconds.</summary>
    public static string MicroTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The object minus metadata and status: what a generation bump is about.</summary>
    public static JsonObject SpecPart(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }
}
