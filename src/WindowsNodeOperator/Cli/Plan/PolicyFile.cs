using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>
/// Reads a <see cref="WindowsNodePolicy"/> from a YAML or JSON file as the API server and the operator would: the document
/// is turned into JSON and read with the operator's own serializer; what the CRD schema rejects (a wrong apiVersion or
/// kind, unknown fields, a wrong type) and <see cref="PolicyValidation"/>'s problems are errors worded as kubectl's.
/// </summary>
internal static class PolicyFile
{
    public static (WindowsNodePolicy? Policy, IReadOnlyList<string> Errors) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [$"cannot read {path}: {e.Message}"]);
        }

        return Parse(text);
    }

    public static (WindowsNodePolicy? Policy, IReadOnlyList<string> Errors) Parse(string text)
    {
        // 1. YAML (JSON is YAML too) into a JSON tree; one document.
        JsonNode? document;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var documents = stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
            if (documents.Count != 1)
            {
                return (null, [$"expected one WindowsNodePolicy document, found {documents.Count}"]);
            }

            document = ToJson(documents[0].RootNode);
        }
        catch (YamlException e)
        {
            return (null, [$"line {e.Start.Line}, column {e.Start.Column}: {e.Message}"]);
        }

        if (document is not JsonObject root)
        {
            return (null, ["expected a WindowsNodePolicy object"]);
        }

        // 2. What the schema says: apiVersion and kind, then every field known and of its type.
        var errors = new List<string>();
        Expect(root, "apiVersion", WindowsNodePolicy.KubeApiVersion, errors);
        Expect(root, "kind", WindowsNodePolicy.KubeKind, errors);
        if (root["metadata"]?["name"] is null)
        {
            errors.Add("metadata.name: Required value: name is required");
        }

        foreach (var (key, value) in root)
        {
            if (key is "apiVersion" or "kind" or "metadata" or "status")
            {
                continue;
            }

            if (key != "spec")
            {
                errors.Add($"unknown field \"{key}\"");
                continue;
            }

            Unknown(value, typeof(WindowsNodePolicySpec), "spec", errors);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        WindowsNodePolicy? policy;
        try
        {
            policy = KubernetesJson.Deserialize<WindowsNodePolicy>(root.ToJsonString());
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            return (null, [$"{field}: Invalid value: {Quote(At(root, field))}: {TypeError(e)}"]);
        }

        // 3. The operator's own checks, each naming its field and the value found there.
        var problems = PolicyValidation.Validate(policy);
        return problems.Count == 0
            ? (policy, [])
            : (null, problems.Select(p => $"{p.Field}: Invalid value: {Quote(At(root, p.Field))}: {p.Message}").ToList());
    }

    private static void Expect(JsonObject root, string field, string expected, List<string> errors)
    {
        var value = root[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (value is null)
        {
            errors.Add($"{field}: Required value: must be \"{expected}\"");
        }
        else if (value != expected)
        {
            errors.Add($"{field}: Unsupported value: \"{value}\": supported values: \"{expected}\"");
        }
    }

    /// <summary>Every key that is not a field of <paramref name="type"/> (by its JSON name), all the way down.</summary>
    private static void Unknown(JsonNode? node, Type type, string path, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is JsonArray array && ElementOf(type) is { } element)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Unknown(array[i], element, $"{path}[{i}]", errors);
            }

            return;
        }

        if (node is not JsonObject obj || type == typeof(string) || type.IsPrimitive || type.IsEnum
            || type == typeof(IntOrString) || typeof(System.Collections.IDictionary).IsAssignableFrom(type) || type == typeof(V1ObjectMeta))
        {
            return;
        }

        var fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyType, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (fields.TryGetValue(key, out var fieldType))
            {
                Unknown(value, fieldType, $"{path}.{key}", errors);
            }
            else
            {
                errors.Add($"unknown field \"{path}.{key}\"");
            }
        }
    }

    private static Type? ElementOf(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? element
        : null;

    /// <summary>The node at a field path such as <c>spec.disruption.maintenanceWindows[0].schedule</c>, if there is one.</summary>
    private static JsonNode? At(JsonNode root, string field)
    {
        JsonNode? node = root;
        foreach (var part in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Split('[')[0];
            node = name.Length == 0 ? node : (node as JsonObject)?[name];
            foreach (var index in part.Split('[').Skip(1).Select(i => int.Parse(i.TrimEnd(']'), CultureInfo.InvariantCulture)))
            {
                node = node is JsonArray a && index < a.Count ? a[index] : null;
            }
        }

        return node;
    }

    private static string Quote(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => JsonSerializer.Serialize(s),
        _ => value.ToJsonString(),
    };

    private static string TypeError(JsonException e)
    {
        const string marker = "could not be converted to ";
        var at = e.Message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return e.Message.Split(". ", 2)[0];
        }

        var type = e.Message[(at + marker.Length)..].Split(". Path", 2)[0];
        return "expected " + type switch
        {
            _ when type.Contains("Int32", StringComparison.Ordinal) => "an integer",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.EndsWith(nameof(WindowsEdition), StringComparison.Ordinal) => $"one of {string.Join(", ", Enum.GetNames<WindowsEdition>())}",
            _ when type.EndsWith(nameof(DrainTimeoutAction), StringComparison.Ordinal) => $"one of {string.Join(", ", Enum.GetNames<DrainTimeoutAction>())}",
            _ when type.Contains("List", StringComparison.Ordinal) => "a list",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "a map",
            "System.String" => "a string",
            _ => "an object",
        };
    }

    /// <summary>YAML to JSON the way the API server reads it: plain scalars that look like numbers, booleans or null are those.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => null,
    };

    private static JsonValue? Plain(string? value) => value switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit) => JsonValue.Create(d),
        _ => JsonValue.Create(value),
    };
}
