using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>RFC 6902 JSON Patch (application/json-patch+json), as kube-apiserver applies it.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of <paramref name="target"/> and returns the result.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);

        // The document is a root holder so that a path of "" can replace the whole document.
        var holder = new JsonObject { ["doc"] = target.DeepClone() };
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
            {
                throw new PatchException("json patch operation must be an object", 400);
            }

            ApplyOne(holder, operation);
        }

        return holder["doc"] ?? throw new PatchException("json patch produced a null document");
    }

    private static void ApplyOne(JsonObject holder, JsonObject operation)
    {
        var op = StringMember(operation, "op") ?? "unknown";
        var path = StringMember(operation, "path") ?? throw new PatchException($"{op} operation is missing \"path\"", 400);
        var tokens = Rooted(JsonPointer.Parse(path));
        switch (op)
        {
            case "add":
                Add(holder, tokens, path, RequiredValue(operation, op), op);
                break;
            case "remove":
                Remove(holder, tokens, path, op);
                break;
            case "replace":
                Replace(holder, tokens, path, RequiredValue(operation, op));
                break;
            case "move":
            {
                var from = StringMember(operation, "from") ?? throw new PatchException("move operation is missing \"from\"", 400);
                if (path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    throw new PatchException($"move operation does not apply: \"from\" {from} is a prefix of \"path\" {path}");
                }

                var fromTokens = Rooted(JsonPointer.Parse(from));
                var value = Get(holder, fromTokens, $"move operation does not apply: doc is missing from path: {from}");
                Remove(holder, fromTokens, from, op);
                Add(holder, tokens, path, value, op);
                break;
            }

            case "copy":
            {
                var from = StringMember(operation, "from") ?? throw new PatchException("copy operation is missing \"from\"", 400);
                var value = Get(holder, Rooted(JsonPointer.Parse(from)), $"copy operation does not apply: doc is missing from path: {from}");
                Add(holder, tokens, path, value?.DeepClone(), op);
                break;
            }

            case "test":
            {
                var expected = RequiredValue(operation, op);
                if (!JsonPointer.TryGet(holder, tokens, out var actual) || !JsonNode.DeepEquals(actual, expected))
                {
                    throw new PatchException($"testing value {path} failed: test failed");
                }

                break;
            }

            default:
                throw new PatchException($"Unexpected kind: {op}", 400);
        }
    }

    private static string[] Rooted(IReadOnlyList<string> tokens) => ["doc", .. tokens];

    private static string? StringMember(JsonObject operation, string name) =>
        operation.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonNode? RequiredValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new PatchException($"{op} operation is missing \"value\"", 400);

    private static JsonNode? Get(JsonObject holder, IReadOnlyList<string> tokens, string error) =>
        JsonPointer.TryGet(holder, tokens, out var value) ? value : throw new PatchException(error);

    private static JsonNode Parent(JsonObject holder, IReadOnlyList<string> tokens, string error)
    {
        if (!JsonPointer.TryGet(holder, tokens.Take(tokens.Count - 1).ToArray(), out var parent) || parent is null)
        {
            throw new PatchException(error);
        }

        return parent;
    }

    private static void Add(JsonObject holder, IReadOnlyList<string> tokens, string path, JsonNode? value, string op)
    {
        var error = $"{op} operation does not apply: doc is missing path: \"{path}\": missing value";
        var parent = Parent(holder, tokens, error);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when JsonPointer.TryIndex(last, array.Count, out var index):
                array.Insert(index, value);
                break;
            case JsonArray:
                throw new PatchException($"Unable to access invalid index: {last}: invalid index referenced");
            default:
                throw new PatchException(error);
        }
    }

    private static void Remove(JsonObject holder, IReadOnlyList<string> tokens, string path, string op)
    {
        var error = $"{op} operation does not apply: doc is missing path: \"{path}\": missing value";
        var parent = Parent(holder, tokens, error);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when JsonPointer.TryIndex(last, array.Count - 1, out var index):
                array.RemoveAt(index);
                break;
            default:
                throw new PatchException(error);
        }
    }

    private static void Replace(JsonObject holder, IReadOnlyList<string> tokens, string path, JsonNode? value)
    {
        var error = $"replace operation does not apply: doc is missing key: {path}: missing value";
        var parent = Parent(holder, tokens, error);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray array when JsonPointer.TryIndex(last, array.Count - 1, out var index):
                array[index] = value;
                break;
            default:
                throw new PatchException(error);
        }
    }
}
