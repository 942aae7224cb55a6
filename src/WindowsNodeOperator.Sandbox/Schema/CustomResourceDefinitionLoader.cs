using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>Reads apiextensions.k8s.io/v1 CustomResourceDefinitions from YAML or JSON manifests.</summary>
public static class CustomResourceDefinitionLoader
{
    /// <summary>Every CRD in the YAML files (*.yaml, *.yml) of a directory, in file name order; other kinds are skipped.</summary>
    public static IReadOnlyList<CustomResourceDefinitionInfo> LoadDirectory(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .SelectMany(LoadFile)
            .ToList();

    /// <summary>Every CRD in a YAML file; documents of other kinds are skipped.</summary>
    public static IReadOnlyList<CustomResourceDefinitionInfo> LoadFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Every CRD in a YAML text; documents of other kinds are skipped.</summary>
    public static IReadOnlyList<CustomResourceDefinitionInfo> Parse(string yaml) =>
        YamlJson.ParseDocuments(yaml)
            .OfType<JsonObject>()
            .Where(d => Text(d["kind"]) == "CustomResourceDefinition")
            .Select(FromJson)
            .ToList();

    /// <summary>Reads one CRD object; throws <see cref="FormatException"/> or <see cref="StructuralSchemaException"/> when it is invalid.</summary>
    public static CustomResourceDefinitionInfo FromJson(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        if (Text(crd["apiVersion"]) != "apiextensions.k8s.io/v1")
        {
            throw new FormatException($"Only apiextensions.k8s.io/v1 CRDs are supported, not '{Text(crd["apiVersion"])}'.");
        }

        var name = Required(crd["metadata"]?["name"], "metadata.name");
        var spec = crd["spec"] as JsonObject ?? throw new FormatException($"CRD {name} has no spec.");
        var group = Required(spec["group"], "spec.group");
        var namesJson = spec["names"] as JsonObject ?? throw new FormatException($"CRD {name} has no spec.names.");
        var kind = Required(namesJson["kind"], "spec.names.kind");
        var names = new CustomResourceNames(
            Required(namesJson["plural"], "spec.names.plural"),
            Text(namesJson["singular"]) ?? kind.ToLowerInvariant(),
            kind,
            Text(namesJson["listKind"]) ?? kind + "List",
            Strings(namesJson["shortNames"]),
            Strings(namesJson["categories"]));
        if (name != $"{names.Plural}.{group}")
        {
            throw new FormatException($"CRD name '{name}' must be '{names.Plural}.{group}'.");
        }

        var scope = Required(spec["scope"], "spec.scope");
        if (scope is not ("Cluster" or "Namespaced"))
        {
            throw new FormatException($"CRD {name}: spec.scope must be Cluster or Namespaced, not '{scope}'.");
        }

        var versions = (spec["versions"] as JsonArray ?? [])
            .Select((v, i) => ReadVersion(v as JsonObject ?? throw new FormatException($"spec.versions[{i}] must be an object."), $"spec.versions[{i}]"))
            .ToList();
        if (versions.Count(v => v.Storage) != 1)
        {
            throw new FormatException($"CRD {name} must have exactly one storage version.");
        }

        return new CustomResourceDefinitionInfo(name, group, names, scope, versions, (JsonObject)crd.DeepClone());
    }

    private static CustomResourceVersionInfo ReadVersion(JsonObject version, string path)
    {
        var schemaJson = version["schema"]?["openAPIV3Schema"]
            ?? throw new FormatException($"{path}.schema.openAPIV3Schema is required.");
        StructuralSchema schema;
        try
        {
            schema = StructuralSchema.FromJson(schemaJson);
        }
        catch (StructuralSchemaException ex)
        {
            throw new StructuralSchemaException($"{path}.schema.{ex.Path}", ex.Message[(ex.Path.Length + 2)..]);
        }

        var subresources = version["subresources"] as JsonObject;
        var scaleJson = subresources?["scale"] as JsonObject;
        var scale = scaleJson is null
            ? null
            : new ScaleSubresource(
                Required(scaleJson["specReplicasPath"], $"{path}.subresources.scale.specReplicasPath"),
                Required(scaleJson["statusReplicasPath"], $"{path}.subresources.scale.statusReplicasPath"),
                Text(scaleJson["labelSelectorPath"]));
        var columns = (version["additionalPrinterColumns"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(c => new PrinterColumn(
                Required(c["name"], $"{path}.additionalPrinterColumns.name"),
                Required(c["type"], $"{path}.additionalPrinterColumns.type"),
                Required(c["jsonPath"], $"{path}.additionalPrinterColumns.jsonPath"),
                Text(c["format"]),
                Text(c["description"]),
                c["priority"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number
                    ? int.Parse(p.ToJsonString(), CultureInfo.InvariantCulture)
                    : 0))
            .ToList();

        return new CustomResourceVersionInfo(
            Required(version["name"], $"{path}.name"),
            Bool(version["served"]),
            Bool(version["storage"]),
            schema,
            new CustomResourceSubresources(subresources?["status"] is JsonObject, scale),
            columns);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Required(JsonNode? node, string path) =>
        Text(node) is { Length: > 0 } text ? text : throw new FormatException($"{path} is required.");

    private static bool Bool(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];
}
