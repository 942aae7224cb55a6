using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>Reads the few pod and object facts disruption decisions depend on.</summary>
internal static class PodFacts
{
    public static string? Name(JsonNode? obj) => Text(obj?["metadata"]?["name"]);

    public static string? Namespace(JsonNode? obj) => Text(obj?["metadata"]?["namespace"]);

    public static long Generation(JsonNode? obj) => Number(obj?["metadata"]?["generation"]) ?? 0;

    public static string? Phase(JsonNode? pod) => Text(pod?["status"]?["phase"]);

    public static bool IsDeleting(JsonNode? obj) => obj?["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>Kube's IsPodReady: the Ready condition is True.</summary>
    public static bool IsReady(JsonNode? pod) =>
        pod?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => Text(c?["type"]) == "Ready" && Text(c?["status"]) == "True");

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>An integer however the node holds it (parsed JSON, int, long...).</summary>
    public static long? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static DateTimeOffset? Time(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>RFC 3339 at second precision, as metav1.Time serializes.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
