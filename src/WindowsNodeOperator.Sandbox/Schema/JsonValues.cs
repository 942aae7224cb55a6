using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>Deep equality of decoded JSON values, numbers compared by value (1 equals 1.0).</summary>
internal static class JsonValues
{
    public static bool Equal(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonValue l, JsonValue r) when JsonNumber.IsNumber(l) && JsonNumber.IsNumber(r) =>
            JsonNumber.ToDouble(l) == JsonNumber.ToDouble(r),
        (JsonObject l, JsonObject r) => l.Count == r.Count
            && l.All(p => r.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other)),
        (JsonArray l, JsonArray r) => l.Count == r.Count && l.Zip(r).All(pair => Equal(pair.First, pair.Second)),
        (JsonValue l, JsonValue r) => l.GetValueKind() == r.GetValueKind() && JsonNode.DeepEquals(l, r),
        _ => false,
    };

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
}
