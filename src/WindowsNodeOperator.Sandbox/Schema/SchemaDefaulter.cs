using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Applies schema defaults the way kube-apiserver does: a missing (or non-nullable null) field gets its default, then
/// defaulting descends into every present field, so a parent defaulting to {} lets its children's defaults apply
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#defaulting).
/// </summary>
internal static class SchemaDefaulter
{
    public static void Default(JsonNode? data, SchemaNode? schema)
    {
        if (schema is null)
        {
            return;
        }

        switch (data)
        {
            case JsonObject obj:
                foreach (var (name, property) in schema.Properties)
                {
                    if (property.HasDefault && property.Default is not null
                        && (!obj.TryGetPropertyValue(name, out var current) || IsNonNullableNull(current, property)))
                    {
                        obj[name] = property.Default.DeepClone();
                    }
                }

                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (schema.Property(key) is { } property)
                    {
                        Default(obj[key], property);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        if (IsNonNullableNull(obj[key], additional))
                        {
                            obj[key] = additional.Default!.DeepClone();
                        }

                        Default(obj[key], additional);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    if (IsNonNullableNull(array[i], schema.Items))
                    {
                        array[i] = schema.Items.Default!.DeepClone();
                    }

                    Default(array[i], schema.Items);
                }

                break;
        }
    }

    /// <summary>Removes nulls of non-nullable fields that have no default (kube-apiserver does this before defaulting).</summary>
    public static void PruneNonNullableNullsWithoutDefaults(JsonNode? data, SchemaNode schema)
    {
        switch (data)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var property = schema.Property(key) ?? schema.AdditionalProperties;
                    if (property is null)
                    {
                        continue;
                    }

                    if (obj[key] is null && !property.Nullable && property.Default is null)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        PruneNonNullableNullsWithoutDefaults(obj[key], property);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                foreach (var item in array)
                {
                    PruneNonNullableNullsWithoutDefaults(item, schema.Items);
                }

                break;
        }
    }

    private static bool IsNonNullableNull(JsonNode? value, SchemaNode schema) =>
        value is null && !schema.Nullable && schema.Default is not null;
}
