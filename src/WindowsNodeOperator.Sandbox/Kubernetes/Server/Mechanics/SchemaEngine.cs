using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to structural schemas of custom resources.</summary>
internal static class SchemaEngine
{
    public static IObjectSchema Compile(JsonNode openApiV3Schema)
    {
        if (openApiV3Schema is not JsonObject root)
        {
            throw new ArgumentException("must be an object");
        }

        return new SimpleSchema(root);
    }

    private sealed class SimpleSchema(JsonObject root) : IObjectSchema
    {
        public JsonNode OpenApiV3Schema => root;

        public void Prune(JsonObject obj) => PruneNode(obj, root, top: true);

        public void ApplyDefaults(JsonObject obj) => Default(obj, root);

        public IReadOnlyList<FieldProblem> Validate(JsonObject obj)
        {
            var problems = new List<FieldProblem>();
            Check(obj, root, "", problems);
            return problems;
        }

        private static void PruneNode(JsonNode? node, JsonObject schema, bool top)
        {
            if (schema["x-kubernetes-preserve-unknown-fields"] is JsonValue p && p.GetValue<bool>())
            {
                return;
            }

            if (node is JsonObject obj)
            {
                var properties = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"] as JsonObject;
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    if (top && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    if (properties?[key] is JsonObject child)
                    {
                        PruneNode(obj[key], child, top: false);
                    }
                    else if (additional is not null)
                    {
                        PruneNode(obj[key], additional, top: false);
                    }
                    else
                    {
                        obj.Remove(key);
                    }
                }
            }
            else if (node is JsonArray list && schema["items"] is JsonObject items)
            {
                foreach (var item in list)
                {
                    PruneNode(item, items, top: false);
                }
            }
        }

        private static void Default(JsonNode? node, JsonObject schema)
        {
            if (node is JsonObject obj && schema["properties"] is JsonObject properties)
            {
                foreach (var (key, child) in properties)
                {
                    if (child is not JsonObject childSchema)
                    {
                        continue;
                    }

                    if (!obj.ContainsKey(key) && childSchema["default"] is { } value)
                    {
                        obj[key] = value.DeepClone();
                    }

                    Default(obj[key], childSchema);
                }
            }
            else if (node is JsonArray list && schema["items"] is JsonObject items)
            {
                foreach (var item in list)
                {
                    Default(item, items);
                }
            }
        }

        private static void Check(JsonNode? node, JsonObject schema, string path, List<FieldProblem> problems)
        {
            var display = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";
            if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
            {
                var supported = string.Join(", ", allowed.Select(a => a?.ToJsonString()));
                problems.Add(new FieldProblem(path, "FieldValueNotSupported", $"Unsupported value: {node?.ToJsonString()}: supported values: {supported}"));
            }

            if (schema["pattern"] is JsonValue pattern && node is JsonValue sv && sv.TryGetValue<string>(out var text)
                && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.ECMAScript, TimeSpan.FromSeconds(1)))
            {
                problems.Add(FieldProblem.Invalid(path, text, $"{path} in body should match '{pattern.GetValue<string>()}'"));
            }

            if (schema["minimum"] is JsonValue min && node is JsonValue nv && nv.TryGetValue<double>(out var number) && number < min.GetValue<double>())
            {
                problems.Add(new FieldProblem(path, "FieldValueInvalid", $"Invalid value: {display}: {path} in body should be greater than or equal to {min}"));
            }

            if (node is JsonObject obj)
            {
                foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>() ?? ""))
                {
                    if (!obj.ContainsKey(required))
                    {
                        problems.Add(FieldProblem.Required(Join(path, required), ""));
                    }
                }

                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, value) in obj)
                    {
                        if (properties[key] is JsonObject child && key != "metadata")
                        {
                            Check(value, child, Join(path, key), problems);
                        }
                    }
                }
            }
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }
}
