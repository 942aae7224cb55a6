using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// A CRD's structural OpenAPI v3 schema, enforced as kube-apiserver enforces it: pruning of unknown fields, defaulting,
/// and validation with kube-apiserver's field errors.
/// </summary>
public sealed class StructuralSchema
{
    private readonly SchemaNode _root;

    private StructuralSchema(SchemaNode root) => _root = root;

    /// <summary>Parses an openAPIV3Schema; throws <see cref="StructuralSchemaException"/> naming the path if it is not structural.</summary>
    public static StructuralSchema FromJson(JsonNode openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var root = SchemaParser.ParseRoot(openApiV3Schema);
        DefaultsChecker.Check(root, "openAPIV3Schema");
        return new StructuralSchema(root);
    }

    /// <summary>Drops fields the schema does not specify (unless x-kubernetes-preserve-unknown-fields); apiVersion, kind and metadata are kept.</summary>
    public void Prune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        SchemaPruner.Prune(obj, _root, isResourceRoot: true);
    }

    /// <summary>Drops non-nullable nulls that have no default, then applies defaults as kube-apiserver does.</summary>
    public void ApplyDefaults(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        SchemaDefaulter.PruneNonNullableNullsWithoutDefaults(obj, _root);
        SchemaDefaulter.Default(obj, _root);
    }

    /// <summary>All validation errors of the object (schema, then list types), in a stable order.</summary>
    public IReadOnlyList<FieldError> Validate(JsonNode obj)
    {
        var errors = new List<FieldError>();
        SchemaValidator.Validate(obj, _root, string.Empty, errors);
        ListTypeValidator.Validate(obj, _root, string.Empty, errors);
        return errors;
    }
}
