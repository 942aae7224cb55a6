using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to the patch engines.</summary>
internal static class Patches
{
    public static bool SupportsStrategic(ResourceType type) => !type.IsCustom;

    public static JsonNode ApplyMerge(JsonNode target, JsonNode patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = ApplyMerge(result[key] ?? new JsonObject(), value);
            }
        }

        return result;
    }

    public static JsonNode ApplyStrategic(JsonNode target, JsonNode patch, ResourceType type) => ApplyMerge(target, patch);

    public static JsonNode ApplyJson(JsonNode target, JsonArray operations)
    {
        var doc = target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>() ?? "";
            var path = operation["path"]?.GetValue<string>() ?? "";
            switch (op)
            {
                case "add":
                    doc = Set(doc, path, operation["value"]?.DeepClone(), insert: true);
                    break;
                case "replace":
                    _ = Get(doc, path);
                    doc = Set(doc, path, operation["value"]?.DeepClone(), insert: false);
                    break;
                case "remove":
                    doc = Remove(doc, path);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), operation["value"]))
                    {
                        throw ApiErrors.Unprocessable($"testing value {path} failed: test failed");
                    }

                    break;
                case "copy" or "move":
                    var from = operation["from"]?.GetValue<string>() ?? "";
                    var value = Get(doc, from)?.DeepClone();
                    if (op == "move")
                    {
                        doc = Remove(doc, from);
                    }

                    doc = Set(doc, path, value, insert: true);
                    break;
                default:
                    throw ApiErrors.Unprocessable($"Unexpected kind: {op}");
            }
        }

        return doc;
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode doc, string pointer)
    {
        JsonNode? node = doc;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw ApiErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value"),
            };
        }

        return node;
    }

    private static JsonNode Set(JsonNode doc, string pointer, JsonNode? value, bool insert)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            return value ?? doc;
        }

        var parent = Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        if (tokens.Length == 1)
        {
            parent = doc;
        }

        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                if (insert)
                {
                    a.Insert(i, value);
                }
                else
                {
                    a[i] = value;
                }

                break;
            default:
                throw ApiErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value");
        }

        return doc;
    }

    private static JsonNode Remove(JsonNode doc, string pointer)
    {
        var tokens = Tokens(pointer);
        var parent = tokens.Length == 1 ? doc : Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.Remove(last):
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw ApiErrors.Unprocessable($"doc is missing path: \"{pointer}\": missing value");
        }

        return doc;
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
