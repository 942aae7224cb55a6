using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Parses an openAPIV3Schema and enforces the structural-schema rules of
/// https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema.
/// </summary>
internal static class SchemaParser
{
    private static readonly HashSet<string> ValueKeywords =
    [
        "format", "title", "description", "example", "externalDocs", "properties", "items", "required", "enum", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems",
        "maxItems", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not",
    ];

    private static readonly HashSet<string> StructuralKeywords =
    [
        "type", "nullable", "default", "additionalProperties", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource", "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
    ];

    private static readonly HashSet<string> ForbiddenKeywords =
    [
        "$ref", "$schema", "id", "patternProperties", "dependencies", "additionalItems", "definitions",
        "x-kubernetes-validations",
    ];

    private static readonly HashSet<string> KnownTypes = ["object", "array", "string", "integer", "number", "boolean"];

    public static SchemaNode ParseRoot(JsonNode? json)
    {
        const string path = "openAPIV3Schema";
        var root = Parse(json, path, inJunctor: false, isRoot: true);
        if (root.Type != "object")
        {
            throw new StructuralSchemaException(path + ".type", "Invalid value: must be object at the root");
        }

        CheckMetadata(root, path);
        return root;
    }

    private static SchemaNode Parse(JsonNode? json, string path, bool inJunctor, bool isRoot = false, bool intOrStringBranch = false)
    {
        if (json is not JsonObject obj)
        {
            throw new StructuralSchemaException(path, "Invalid value: a schema must be an object");
        }

        foreach (var (key, _) in obj)
        {
            if (ForbiddenKeywords.Contains(key) || (key == "uniqueItems" && obj[key]?.GetValueKind() == JsonValueKind.True))
            {
                throw new StructuralSchemaException($"{path}.{key}", "Forbidden: not allowed in a structural schema");
            }

            var allowedInJunctor = ValueKeywords.Contains(key) && key != "description" || key == "uniqueItems"
                || (intOrStringBranch && key == "type");
            if (inJunctor && !allowedInJunctor)
            {
                throw new StructuralSchemaException($"{path}.{key}", "Forbidden: must not be used inside of a logical junctor");
            }

            if (!ValueKeywords.Contains(key) && !StructuralKeywords.Contains(key) && key != "uniqueItems")
            {
                throw new StructuralSchemaException($"{path}.{key}", "Forbidden: unknown schema keyword");
            }
        }

        var type = String(obj, "type", path);
        var intOrString = Bool(obj, "x-kubernetes-int-or-string", path);
        var preserveUnknown = Bool(obj, "x-kubernetes-preserve-unknown-fields", path);
        if (type is not null && !KnownTypes.Contains(type))
        {
            throw new StructuralSchemaException($"{path}.type", $"Unsupported value: {GoFormat.Quote(type)}");
        }

        if (!inJunctor && !intOrStringBranch && type is null && !intOrString && !preserveUnknown)
        {
            throw new StructuralSchemaException($"{path}.type", "Required value: must not be empty for specified object fields");
        }

        if (intOrString && type is not null)
        {
            throw new StructuralSchemaException($"{path}.type", "Invalid value: must be empty if x-kubernetes-int-or-string is true");
        }

        var properties = new List<KeyValuePair<string, SchemaNode>>();
        if (obj["properties"] is { } propertiesJson)
        {
            if (propertiesJson is not JsonObject propertiesObject)
            {
                throw new StructuralSchemaException($"{path}.properties", "Invalid value: must be an object");
            }

            foreach (var (name, propertyJson) in propertiesObject)
            {
                properties.Add(new(name, Parse(propertyJson, $"{path}.properties[{name}]", inJunctor)));
            }
        }

        SchemaNode? additional = null;
        var additionalAllowed = false;
        if (obj["additionalProperties"] is { } additionalJson)
        {
            if (properties.Count > 0)
            {
                throw new StructuralSchemaException($"{path}.additionalProperties", "Forbidden: additionalProperties and properties are mutual exclusive");
            }

            if (additionalJson.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                additionalAllowed = additionalJson.GetValue<bool>();
            }
            else
            {
                additional = Parse(additionalJson, $"{path}.additionalProperties", inJunctor);
            }
        }

        SchemaNode? items = null;
        if (obj["items"] is { } itemsJson)
        {
            if (itemsJson is JsonArray)
            {
                throw new StructuralSchemaException($"{path}.items", "Forbidden: items must be a schema object and not an array");
            }

            items = Parse(itemsJson, $"{path}.items", inJunctor);
        }
        else if (type == "array")
        {
            throw new StructuralSchemaException($"{path}.items", "Required value: must be specified");
        }

        var intOrStringAnyOf = intOrString && IsIntOrStringAnyOf(obj["anyOf"]);
        var allOfJson = obj["allOf"] as JsonArray;
        var intOrStringAllOf = intOrString && allOfJson is { Count: > 0 } && allOfJson[0] is JsonObject first
            && first.Count == 1 && IsIntOrStringAnyOf(first["anyOf"]);

        var pattern = String(obj, "pattern", path);
        var node = new SchemaNode
        {
            Type = type,
            Format = String(obj, "format", path),
            Nullable = Bool(obj, "nullable", path),
            Properties = properties,
            AdditionalProperties = additional,
            AdditionalPropertiesAllowed = additionalAllowed,
            Items = items,
            Required = Strings(obj, "required", path),
            Enum = obj["enum"] is JsonArray enumJson ? enumJson.Select(e => e?.DeepClone()).ToList() : null,
            Pattern = pattern,
            PatternRegex = pattern is null ? null : CompilePattern(pattern, $"{path}.pattern"),
            Minimum = Number(obj, "minimum", path),
            Maximum = Number(obj, "maximum", path),
            ExclusiveMinimum = Bool(obj, "exclusiveMinimum", path),
            ExclusiveMaximum = Bool(obj, "exclusiveMaximum", path),
            MultipleOf = Number(obj, "multipleOf", path),
            MinLength = Integer(obj, "minLength", path),
            MaxLength = Integer(obj, "maxLength", path),
            MinItems = Integer(obj, "minItems", path),
            MaxItems = Integer(obj, "maxItems", path),
            MinProperties = Integer(obj, "minProperties", path),
            MaxProperties = Integer(obj, "maxProperties", path),
            AllOf = Junctors(allOfJson, $"{path}.allOf", intOrStringAllOf),
            AnyOf = Junctors(obj["anyOf"] as JsonArray, $"{path}.anyOf", intOrStringBranches: intOrStringAnyOf),
            OneOf = Junctors(obj["oneOf"] as JsonArray, $"{path}.oneOf"),
            Not = obj["not"] is { } notJson ? Parse(notJson, $"{path}.not", inJunctor: true) : null,
            Default = obj["default"]?.DeepClone(),
            HasDefault = obj.ContainsKey("default"),
            PreserveUnknownFields = preserveUnknown,
            IntOrString = intOrString,
            EmbeddedResource = Bool(obj, "x-kubernetes-embedded-resource", path),
            ListType = String(obj, "x-kubernetes-list-type", path),
            ListMapKeys = Strings(obj, "x-kubernetes-list-map-keys", path),
        };

        if (!inJunctor)
        {
            CheckListType(node, path);
            foreach (var (name, branches) in new[] { ("allOf", node.AllOf), ("anyOf", node.AnyOf), ("oneOf", node.OneOf) })
            {
                foreach (var (index, branch) in branches.Index())
                {
                    CheckJunctorFields(node, branch, $"{path}.{name}[{index}]");
                }
            }

            if (node.Not is not null)
            {
                CheckJunctorFields(node, node.Not, $"{path}.not");
            }
        }

        return node;
    }

    private static List<SchemaNode> Junctors(JsonArray? array, string path, bool firstIsIntOrString = false, bool intOrStringBranches = false)
    {
        if (array is null)
        {
            return [];
        }

        var result = new List<SchemaNode>(array.Count);
        foreach (var (index, branch) in array.Index())
        {
            if (firstIsIntOrString && index == 0)
            {
                var anyOf = Junctors(branch!["anyOf"] as JsonArray, $"{path}[0].anyOf", intOrStringBranches: true);
                result.Add(new SchemaNode { AnyOf = anyOf });
                continue;
            }

            result.Add(Parse(branch, $"{path}[{index}]", inJunctor: !intOrStringBranches, intOrStringBranch: intOrStringBranches));
        }

        return result;
    }

    private static bool IsIntOrStringAnyOf(JsonNode? anyOf) =>
        anyOf is JsonArray { Count: 2 } array
        && array[0] is JsonObject { Count: 1 } first && first["type"]?.GetValueKind() == JsonValueKind.String
        && first["type"]!.GetValue<string>() == "integer"
        && array[1] is JsonObject { Count: 1 } second && second["type"]?.GetValueKind() == JsonValueKind.String
        && second["type"]!.GetValue<string>() == "string";

    // Every field a junctor constrains must also be specified outside of it, so pruning and defaulting see it.
    private static void CheckJunctorFields(SchemaNode outer, SchemaNode branch, string path)
    {
        foreach (var (name, inner) in branch.Properties)
        {
            var outerProperty = outer.Property(name) ?? outer.AdditionalProperties;
            if (outerProperty is null && !outer.PreserveUnknownFields)
            {
                throw new StructuralSchemaException($"{path}.properties[{name}]", "Required value: must have a corresponding property in the structural part of the schema");
            }

            if (outerProperty is not null)
            {
                CheckJunctorFields(outerProperty, inner, $"{path}.properties[{name}]");
            }
        }

        if (branch.Items is not null)
        {
            if (outer.Items is null)
            {
                throw new StructuralSchemaException($"{path}.items", "Required value: must have a corresponding items in the structural part of the schema");
            }

            CheckJunctorFields(outer.Items, branch.Items, $"{path}.items");
        }

        foreach (var nested in branch.AllOf.Concat(branch.AnyOf).Concat(branch.OneOf).Append(branch.Not).OfType<SchemaNode>())
        {
            CheckJunctorFields(outer, nested, path);
        }
    }

    private static void CheckListType(SchemaNode node, string path)
    {
        if (node.ListType is not null and not ("atomic" or "set" or "map"))
        {
            throw new StructuralSchemaException($"{path}.x-kubernetes-list-type", $"Unsupported value: {GoFormat.Quote(node.ListType)}: supported values: \"atomic\", \"set\", \"map\"");
        }

        if (node.ListType is not null && node.Type != "array")
        {
            throw new StructuralSchemaException($"{path}.x-kubernetes-list-type", "Invalid value: must only be used if type == array");
        }

        if (node.ListMapKeys.Count > 0 && node.ListType != "map")
        {
            throw new StructuralSchemaException($"{path}.x-kubernetes-list-map-keys", "Forbidden: must only be used if x-kubernetes-list-type == map");
        }

        if (node.ListType != "map")
        {
            return;
        }

        if (node.ListMapKeys.Count == 0)
        {
            throw new StructuralSchemaException($"{path}.x-kubernetes-list-map-keys", "Required value: must not be empty if x-kubernetes-list-type is map");
        }

        if (node.Items?.Type != "object")
        {
            throw new StructuralSchemaException($"{path}.items.type", "Invalid value: must be object if x-kubernetes-list-type is map");
        }

        foreach (var key in node.ListMapKeys)
        {
            var keySchema = node.Items.Property(key)
                ?? throw new StructuralSchemaException($"{path}.x-kubernetes-list-map-keys", $"Invalid value: {GoFormat.Quote(key)}: entries must all be names of item properties");
            if (keySchema.Type is "object" or "array" || (keySchema.Type is null && !keySchema.IntOrString))
            {
                throw new StructuralSchemaException($"{path}.items.properties[{key}].type", "Invalid value: must be a scalar type if x-kubernetes-list-type is map");
            }

            if (!node.Items.Required.Contains(key) && !keySchema.HasDefault)
            {
                throw new StructuralSchemaException($"{path}.items.properties[{key}]", "Required value: all map keys must be required or have a default value");
            }
        }
    }

    private static void CheckMetadata(SchemaNode root, string path)
    {
        var metadata = root.Property("metadata");
        if (metadata is null)
        {
            return;
        }

        if (metadata.Type != "object")
        {
            throw new StructuralSchemaException($"{path}.properties[metadata].type", "Invalid value: must be object");
        }

        if (metadata.HasDefault)
        {
            throw new StructuralSchemaException($"{path}.properties[metadata].default", "Forbidden: must not be set for metadata");
        }

        foreach (var (name, _) in metadata.Properties)
        {
            if (name is not ("name" or "generateName"))
            {
                throw new StructuralSchemaException($"{path}.properties[metadata].properties[{name}]", "Forbidden: must not be specified");
            }
        }
    }

    private static System.Text.RegularExpressions.Regex CompilePattern(string pattern, string path)
    {
        try
        {
            return PatternCompiler.Compile(pattern);
        }
        catch (ArgumentException ex)
        {
            throw new StructuralSchemaException(path, $"Invalid value: {GoFormat.Quote(pattern)}: {ex.Message}");
        }
    }

    private static string? String(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw new StructuralSchemaException($"{path}.{key}", "Invalid value: must be a string"),
    };

    private static bool Bool(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw new StructuralSchemaException($"{path}.{key}", "Invalid value: must be a boolean"),
    };

    private static double? Number(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => JsonNumber.ToDouble(value),
        _ => throw new StructuralSchemaException($"{path}.{key}", "Invalid value: must be a number"),
    };

    private static long? Integer(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && JsonNumber.IsInteger(value, out var integer) && integer >= 0 => integer,
        _ => throw new StructuralSchemaException($"{path}.{key}", "Invalid value: must be a non-negative integer"),
    };

    private static List<string> Strings(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => [],
        JsonArray array when array.All(e => e?.GetValueKind() == JsonValueKind.String) => array.Select(e => e!.GetValue<string>()).ToList(),
        _ => throw new StructuralSchemaException($"{path}.{key}", "Invalid value: must be a list of strings"),
    };
}
