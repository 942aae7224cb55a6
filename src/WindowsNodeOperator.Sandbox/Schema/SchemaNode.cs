using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>One parsed node of an OpenAPI v3 schema, either a structural node or a value validation inside a junctor.</summary>
internal sealed class SchemaNode
{
    public string? Type { get; init; }
    public string? Format { get; init; }
    public bool Nullable { get; init; }
    public IReadOnlyList<KeyValuePair<string, SchemaNode>> Properties { get; init; } = [];
    public SchemaNode? AdditionalProperties { get; init; }
    public bool AdditionalPropertiesAllowed { get; init; }
    public SchemaNode? Items { get; init; }
    public IReadOnlyList<string> Required { get; init; } = [];
    public IReadOnlyList<JsonNode?>? Enum { get; init; }
    public string? Pattern { get; init; }
    public Regex? PatternRegex { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }
    public double? MultipleOf { get; init; }
    public long? MinLength { get; init; }
    public long? MaxLength { get; init; }
    public long? MinItems { get; init; }
    public long? MaxItems { get; init; }
    public long? MinProperties { get; init; }
    public long? MaxProperties { get; init; }
    public IReadOnlyList<SchemaNode> AllOf { get; init; } = [];
    public IReadOnlyList<SchemaNode> AnyOf { get; init; } = [];
    public IReadOnlyList<SchemaNode> OneOf { get; init; } = [];
    public SchemaNode? Not { get; init; }
    public JsonNode? Default { get; init; }
    public bool HasDefault { get; init; }
    public bool PreserveUnknownFields { get; init; }
    public bool IntOrString { get; init; }
    public bool EmbeddedResource { get; init; }
    public string? ListType { get; init; }
    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    /// <summary>The JSON types a value may have, as kube-openapi sees them (int-or-string is integer,string).</summary>
    public IReadOnlyList<string> Types => IntOrString ? ["integer", "string"] : Type is null ? [] : [Type];

    public SchemaNode? Property(string name)
    {
        foreach (var (key, value) in Properties)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
