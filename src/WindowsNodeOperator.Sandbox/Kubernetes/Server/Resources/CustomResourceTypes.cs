using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>Reads a CustomResourceDefinition object into the resource types it serves, one per served version.</summary>
internal static class CustomResourceTypes
{
    public static IReadOnlyList<ResourceType> From(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? new JsonObject();
        var names = spec["names"] as JsonObject ?? new JsonObject();
        var group = Meta.Str(spec, "group") ?? "";
        var kind = Meta.Str(names, "kind") ?? "";
        var plural = Meta.Str(names, "plural") ?? "";
        var types = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (version["served"] is JsonValue served && served.TryGetValue<bool>(out var isServed) && !isServed)
            {
                continue;
            }

            var schemaNode = version["schema"]?["openAPIV3Schema"];
            types.Add(new ResourceType(group, Meta.Str(version, "name") ?? "", kind, plural, Meta.Str(names, "singular") ?? kind.ToLowerInvariant(), Meta.Str(spec, "scope") != "Cluster")
            {
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is not null,
                TracksGeneration = true,
                CrdName = Meta.Name(crd),
                Schema = schemaNode is null ? null : SchemaEngine.Compile(schemaNode),
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
            });
        }

        return types;
    }

    /// <summary>The checks of the CRD's own validation the sandbox makes, with kube's field paths.</summary>
    public static IReadOnlyList<FieldProblem> Validate(JsonObject crd)
    {
        var problems = new List<FieldProblem>();
        var spec = crd["spec"] as JsonObject;
        var group = Meta.Str(spec, "group") ?? "";
        var names = spec?["names"] as JsonObject;
        var plural = Meta.Str(names, "plural") ?? "";
        if (group.Length == 0)
        {
            problems.Add(FieldProblem.Required("spec.group", ""));
        }

        if (plural.Length == 0)
        {
            problems.Add(FieldProblem.Required("spec.names.plural", ""));
        }

        if (Meta.Str(names, "kind") is null or "")
        {
            problems.Add(FieldProblem.Required("spec.names.kind", ""));
        }

        var name = Meta.Name(crd);
        if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
        {
            problems.Add(FieldProblem.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }

        var versions = (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (versions.Count == 0)
        {
            problems.Add(FieldProblem.Required("spec.versions", "must have exactly one version marked as storage version"));
        }

        foreach (var (version, index) in versions.Select((v, i) => (v, i)))
        {
            if (version["schema"]?["openAPIV3Schema"] is not { } schema)
            {
                continue;
            }

            try
            {
                SchemaEngine.Compile(schema);
            }
            catch (ArgumentException ex)
            {
                problems.Add(new FieldProblem($"spec.versions[{index}].schema.openAPIV3Schema", "FieldValueInvalid", ex.Message));
            }
        }

        return problems;
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray list ? list.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
}
