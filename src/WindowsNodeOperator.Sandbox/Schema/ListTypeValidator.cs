using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Enforces x-kubernetes-list-type set (no duplicates) and map (keys present and unique), which kube-apiserver checks
/// after the OpenAPI validation.
/// </summary>
internal static class ListTypeValidator
{
    public static void Validate(JsonNode? data, SchemaNode schema, string path, List<FieldError> errors)
    {
        switch (data)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (schema.Property(key) is { } property)
                    {
                        Validate(value, property, SchemaValidator.Join(path, key), errors);
                    }
                    else if (schema.AdditionalProperties is { } additional)
                    {
                        Validate(value, additional, $"{path}[{key}]", errors);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                if (schema.ListType == "set")
                {
                    ValidateSet(array, path, errors);
                }
                else if (schema.ListType == "map")
                {
                    ValidateMap(array, schema, path, errors);
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Validate(array[i], schema.Items, $"{path}[{i}]", errors);
                }

                break;
        }
    }

    private static void ValidateSet(JsonArray array, string path, List<FieldError> errors)
    {
        for (var i = 1; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonValues.Equal(array[i], array[j]))
                {
                    errors.Add(new FieldError($"{path}[{i}]", FieldErrorType.Duplicate, GoFormat.BadValue(array[i]), string.Empty));
                    break;
                }
            }
        }
    }

    private static void ValidateMap(JsonArray array, SchemaNode schema, string path, List<FieldError> errors)
    {
        var seen = new List<JsonObject>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                continue;
            }

            var keys = new JsonObject();
            var complete = true;
            foreach (var key in schema.ListMapKeys)
            {
                if (item.TryGetPropertyValue(key, out var value))
                {
                    keys[key] = value?.DeepClone();
                }
                else if (schema.Items!.Property(key) is { Default: { } fallback })
                {
                    keys[key] = fallback.DeepClone();
                }
                else
                {
                    errors.Add(new FieldError($"{path}[{i}].{key}", FieldErrorType.Required, null, string.Empty));
                    complete = false;
                }
            }

            if (!complete)
            {
                continue;
            }

            if (seen.Any(other => JsonValues.Equal(other, keys)))
            {
                errors.Add(new FieldError($"{path}[{i}]", FieldErrorType.Duplicate, GoFormat.BadValue(keys), string.Empty));
            }
            else
            {
                seen.Add(keys);
            }
        }
    }
}
