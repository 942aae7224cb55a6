using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

internal static class SchemaTestHelpers
{
    /// <summary>A root schema {type: object, properties: {spec: &lt;specYaml&gt;}}.</summary>
    public static StructuralSchema SpecSchema(string specYaml)
    {
        var spec = YamlJson.Parse(specYaml);
        var root = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["spec"] = spec },
        };
        return StructuralSchema.FromJson(root);
    }

    public static JsonObject Spec(string valueYaml) => new() { ["spec"] = YamlJson.Parse(valueYaml) };

    public static JsonObject SpecJson(string json) => new() { ["spec"] = JsonNode.Parse(json) };

    public static string[] Messages(this IReadOnlyList<FieldError> errors) => errors.Select(e => e.ToString()).ToArray();
}
