using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to server-side printing (meta.k8s.io/v1 Table).</summary>
internal static class Tables
{
    public static JsonObject Print(ResourceType type, IReadOnlyList<JsonObject> objects, DateTimeOffset now, string includeObject, string resourceVersion)
    {
        var columns = new JsonArray(
            Column("Name", "string", "name", 0),
            Column("Age", "string", "", 0));
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var created = Meta.Str(obj["metadata"], "creationTimestamp");
            var age = created is null ? "<unknown>" : Age(now - DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture));
            var row = new JsonObject { ["cells"] = new JsonArray(Meta.Name(obj), age) };
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

    private static string Age(TimeSpan age) => age.TotalSeconds < 120 ? $"{(int)age.TotalSeconds}s" : $"{(int)age.TotalMinutes}m";
}
