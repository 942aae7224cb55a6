using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>Rejects defaults kube-apiserver would reject: ones that would be pruned or that fail their own schema.</summary>
internal static class DefaultsChecker
{
    public static void Check(SchemaNode node, string path)
    {
        if (node.HasDefault)
        {
            CheckDefault(node, path);
        }

        foreach (var (name, property) in node.Properties)
        {
            Check(property, $"{path}.properties[{name}]");
        }

        if (node.AdditionalProperties is not null)
        {
            Check(node.AdditionalProperties, $"{path}.additionalProperties");
        }

        if (node.Items is not null)
        {
            Check(node.Items, $"{path}.items");
        }
    }

    private static void CheckDefault(SchemaNode node, string path)
    {
        if (node.Default is null)
        {
            if (!node.Nullable)
            {
                throw new StructuralSchemaException($"{path}.default", "Forbidden: must not be null for non-nullable schemas");
            }

            return;
        }

        var pruned = node.Default.DeepClone();
        SchemaPruner.Prune(pruned, node, node.EmbeddedResource);
        if (!JsonValues.Equal(pruned, node.Default))
        {
            throw new StructuralSchemaException($"{path}.default", $"Invalid value: {GoFormat.GoSyntax(node.Default)}: must not have unknown fields");
        }

        var defaulted = node.Default.DeepClone();
        SchemaDefaulter.Default(defaulted, node);
        var errors = new List<FieldError>();
        SchemaValidator.Validate(defaulted, node, "default", errors);
        if (errors.Count > 0)
        {
            throw new StructuralSchemaException($"{path}.default", "Invalid value: " + string.Join("; ", errors));
        }
    }
}
