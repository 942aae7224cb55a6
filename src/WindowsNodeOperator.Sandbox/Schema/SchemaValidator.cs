using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Validates a value against a schema the way kube-openapi does inside kube-apiserver (validators run in its order:
/// type, junctors, string, format, number, array, enum, object) and converts its errors to field errors like
/// apiextensions-apiserver does.
/// </summary>
internal static class SchemaValidator
{
    public static void Validate(JsonNode? data, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (data is null)
        {
            if (schema.Types.Count > 0 && !schema.Nullable)
            {
                errors.Add(TypeError(path, string.Join(',', schema.Types), "null"));
            }

            ValidateEnum(data, schema, path, errors);
            return;
        }

        var typeName = JsonNumber.TypeName(data);
        if (schema.Types.Count > 0 && !TypeMatches(schema.Types, typeName, data))
        {
            errors.Add(TypeError(path, string.Join(',', schema.Types), typeName));
        }

        ValidateJunctors(data, schema, path, errors);
        if (data is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            ValidateString(value.GetValue<string>(), schema, path, errors);
        }

        if (data is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            ValidateNumber(number, schema, path, errors);
        }

        if (data is JsonArray array)
        {
            ValidateArray(array, schema, path, errors);
        }

        ValidateEnum(data, schema, path, errors);
        if (data is JsonObject obj)
        {
            ValidateObject(obj, schema, path, errors);
        }
    }

    private static bool TypeMatches(IReadOnlyList<string> types, string typeName, JsonNode data) =>
        types.Contains(typeName)
        || (typeName == "number" && types.Contains("integer") && double.IsInteger(JsonNumber.ToDouble(data.AsValue())))
        || (typeName == "integer" && types.Contains("number"));

    private static void ValidateJunctors(JsonNode data, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.AnyOf.Count > 0)
        {
            List<FieldError>? best = null;
            var succeeded = false;
            foreach (var branch in schema.AnyOf)
            {
                var result = Branch(data, branch, path);
                if (result.Count == 0)
                {
                    succeeded = true;
                    best = null;
                    break;
                }

                best = best is null || result.Count < best.Count ? result : best;
            }

            if (!succeeded)
            {
                errors.Add(Composite($"{GoFormat.Quote(path)} must validate at least one schema (anyOf)"));
            }

            errors.AddRange(best ?? []);
        }

        if (schema.OneOf.Count > 0)
        {
            List<FieldError>? best = null;
            var validated = 0;
            foreach (var branch in schema.OneOf)
            {
                var result = Branch(data, branch, path);
                if (result.Count == 0)
                {
                    validated++;
                    best = null;
                    continue;
                }

                if (validated == 0 && (best is null || result.Count < best.Count))
                {
                    best = result;
                }
            }

            if (validated != 1)
            {
                var found = validated == 0 ? "Found none valid" : $"Found {validated} valid alternatives";
                errors.Add(Composite($"{GoFormat.Quote(path)} must validate one and only one schema (oneOf). {found}"));
                errors.AddRange(best ?? []);
            }
        }

        if (schema.AllOf.Count > 0)
        {
            var validated = 0;
            foreach (var branch in schema.AllOf)
            {
                var result = Branch(data, branch, path);
                validated += result.Count == 0 ? 1 : 0;
                errors.AddRange(result);
            }

            if (validated != schema.AllOf.Count)
            {
                errors.Add(Composite($"{GoFormat.Quote(path)} must validate all the schemas (allOf){(validated == 0 ? ". None validated" : "")}"));
            }
        }

        if (schema.Not is not null && Branch(data, schema.Not, path).Count == 0)
        {
            errors.Add(Composite($"{GoFormat.Quote(path)} must not validate the schema (not)"));
        }
    }

    private static List<FieldError> Branch(JsonNode data, SchemaNode branch, string path)
    {
        var result = new List<FieldError>();
        Validate(data, branch, path, result);
        return result;
    }

    // kube-openapi's string validator stops at the first failure: maxLength, then minLength, then pattern.
    private static void ValidateString(string text, SchemaNode schema, string path, List<FieldError> errors)
    {
        var length = text.EnumerateRunes().Count();
        if (length > schema.MaxLength)
        {
            var unit = schema.MaxLength == 1 ? "byte" : "bytes";
            errors.Add(new FieldError(Field(path), FieldErrorType.TooLong, null, $"may not be more than {schema.MaxLength} {unit}"));
        }
        else if (length < schema.MinLength)
        {
            errors.Add(Invalid(path, GoFormat.Quote(text), $"{path} in body should be at least {schema.MinLength} chars long"));
        }
        else if (schema.PatternRegex is not null && !schema.PatternRegex.IsMatch(text))
        {
            errors.Add(Invalid(path, GoFormat.Quote(text), $"{path} in body should match '{schema.Pattern}'"));
        }

        if (schema.Format is not null && !Formats.IsValid(schema.Format, text))
        {
            errors.Add(new FieldError(Field(path), FieldErrorType.TypeInvalid, GoFormat.Quote(text),
                $"{path} in body must be of type {schema.Format}: {GoFormat.Quote(text)}"));
        }
    }

    private static void ValidateNumber(JsonValue number, SchemaNode schema, string path, List<FieldError> errors)
    {
        var value = JsonNumber.ToDouble(number);
        var shown = GoFormat.BadValue(number);
        if (schema.MultipleOf is { } factor && !double.IsInteger(value / factor))
        {
            errors.Add(Invalid(path, shown, $"{path} in body should be a multiple of {GoFormat.Float(factor)}"));
        }

        if (schema.Maximum is { } max && (schema.ExclusiveMaximum ? value >= max : value > max))
        {
            var relation = schema.ExclusiveMaximum ? "less than" : "less than or equal to";
            errors.Add(Invalid(path, shown, $"{path} in body should be {relation} {GoFormat.Float(max)}"));
        }

        if (schema.Minimum is { } min && (schema.ExclusiveMinimum ? value <= min : value < min))
        {
            var relation = schema.ExclusiveMinimum ? "greater than" : "greater than or equal to";
            errors.Add(Invalid(path, shown, $"{path} in body should be {relation} {GoFormat.Float(min)}"));
        }
    }

    private static void ValidateArray(JsonArray array, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.Items is not null)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(array[i], schema.Items, $"{path}[{i}]", errors);
            }
        }

        if (array.Count < schema.MinItems)
        {
            errors.Add(Invalid(path, Count(array.Count), $"{path} in body should have at least {schema.MinItems} items"));
        }

        if (array.Count > schema.MaxItems)
        {
            errors.Add(TooMany(path, array.Count, schema.MaxItems.Value));
        }
    }

    private static void ValidateEnum(JsonNode? data, SchemaNode schema, string path, List<FieldError> errors)
    {
        if (schema.Enum is null || schema.Enum.Count == 0 || schema.Enum.Any(allowed => JsonValues.Equal(allowed, data)))
        {
            return;
        }

        var supported = schema.Enum.Select(allowed =>
            GoFormat.Quote(allowed is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : allowed?.ToJsonString() ?? "null"));
        errors.Add(new FieldError(Field(path), FieldErrorType.NotSupported, GoFormat.BadValue(data),
            "supported values: " + string.Join(", ", supported)));
    }

    private static void ValidateObject(JsonObject obj, SchemaNode schema, string path, List<FieldError> errors)
    {
        // kube-openapi checks the property count first and skips the properties when it fails.
        if (obj.Count < schema.MinProperties)
        {
            errors.Add(Invalid(path, Count(obj.Count), $"{path} in body should have at least {schema.MinProperties} properties"));
            return;
        }

        if (obj.Count > schema.MaxProperties)
        {
            errors.Add(TooMany(path, obj.Count, schema.MaxProperties.Value));
            return;
        }

        if (schema.AdditionalProperties is not null)
        {
            foreach (var (key, value) in obj)
            {
                if (schema.Property(key) is null)
                {
                    Validate(value, schema.AdditionalProperties, $"{path}.{key}", errors);
                }
            }
        }

        foreach (var (name, property) in schema.Properties)
        {
            if (obj.TryGetPropertyValue(name, out var value))
            {
                Validate(value, property, Join(path, name), errors);
            }
        }

        foreach (var name in schema.Required)
        {
            if (!obj.ContainsKey(name))
            {
                errors.Add(new FieldError(Join(path, name), FieldErrorType.Required, null, string.Empty));
            }
        }
    }

    internal static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    internal static string Field(string path) => path.Length == 0 ? FieldError.NoField : path;

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static FieldError Invalid(string path, string value, string detail) =>
        new(Field(path), FieldErrorType.Invalid, value, detail);

    private static FieldError TooMany(string path, int actual, long max) =>
        new(Field(path), FieldErrorType.TooMany, Count(actual), $"must have at most {max} {(max == 1 ? "item" : "items")}");

    private static FieldError TypeError(string path, string types, string actual) =>
        new(Field(path), FieldErrorType.TypeInvalid, GoFormat.Quote(actual),
            $"{path} in body must be of type {types}: {GoFormat.Quote(actual)}");

    // Junctor failures are not field errors in kube-openapi; apiextensions reports them with no field and an empty value.
    private static FieldError Composite(string message) =>
        new(FieldError.NoField, FieldErrorType.Invalid, GoFormat.Quote(string.Empty), message);
}
