using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to server-side printing (meta.k8s.io/v1 Table).</summary>
internal static class Tables
{
    public static JsonObject Print(ResourceType type, IReadOnlyList<JsonObject> objects, DateTimeOffset now, string includeObject, string resourceVersion)
    {
        var custom = type.PrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        var columns = new JsonArray(Column("Name", "string", "name", 0));
        if (custom.Count == 0)
        {
            columns.Add(Column("Age", "string", "", 0));
        }

        foreach (var column in custom)
        {
            columns.Add(Column(Meta.Str(column, "name") ?? "", Meta.Str(column, "type") ?? "string", Meta.Str(column, "format") ?? "", (int)(Meta.Long(column["priority"]) ?? 0)));
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(Meta.Name(obj));
            if (custom.Count == 0)
            {
                cells.Add(Cell(Meta.Str(obj["metadata"], "creationTimestamp"), "date", now));
            }

            foreach (var column in custom)
            {
                cells.Add(Cell(Evaluate(obj, Meta.Str(column, "jsonPath") ?? ""), Meta.Str(column, "type") ?? "string", now));
            }

            var row = new JsonObject { ["cells"] = cells };
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => obj.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                },
            };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = columns,
            ["rows"] = rows,
        };
    }

    private static JsonObject Column(string name, string type, string format, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = "",
        ["priority"] = priority,
    };

    private static JsonNode? Cell(object? value, string type, DateTimeOffset now)
    {
        if (value is null)
        {
            return null;
        }

        var node = value as JsonNode ?? JsonValue.Create(value.ToString());
        if (type == "date" && node is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            return Age(now - at);
        }

        return node?.DeepClone();
    }

    /// <summary>The JSONPath subset of printer columns: .a.b, .a[0], .a[?(@.k=="v")].b.</summary>
    private static JsonNode? Evaluate(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (System.Text.RegularExpressions.Match step in System.Text.RegularExpressions.Regex.Matches(path, @"\.([^.\[]+)|\[\?\(@\.([^=]+)==""([^""]*)""\)\]|\[(\d+)\]"))
        {
            node = step switch
            {
                _ when step.Groups[1].Success => (node as JsonObject)?[step.Groups[1].Value],
                _ when step.Groups[2].Success => (node as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => Meta.Str(o, step.Groups[2].Value) == step.Groups[3].Value),
                _ => node is JsonArray a && int.Parse(step.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null,
            };
        }

        return node;
    }

    private static string Age(TimeSpan age) => age.TotalSeconds < 120 ? $"{(int)age.TotalSeconds}s" : $"{(int)age.TotalMinutes}m";
}
