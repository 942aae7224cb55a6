using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Drops fields the structural schema does not specify, as kube-apiserver does on every write
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning).
/// </summary>
internal static class SchemaPruner
{
    public static void Prune(JsonNode? data, SchemaNode schema, bool isResourceRoot)
    {
        switch (data)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    // apiVersion, kind and metadata of a resource are never pruned by the schema (ObjectMeta handles metadata).
                    if (isResourceRoot && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    if (schema.Property(key) is { } property)
                    {
                        Prune(obj[key], property, property.EmbeddedResource);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Prune(obj[key], additional, additional.EmbeddedResource);
                    }
                    else if (!schema.PreserveUnknownFields && !schema.AdditionalPropertiesAllowed)
                    {
                        obj.Remove(key);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                foreach (var item in array)
                {
                    Prune(item, schema.Items, schema.Items.EmbeddedResource);
                }

                break;
        }
    }
}
