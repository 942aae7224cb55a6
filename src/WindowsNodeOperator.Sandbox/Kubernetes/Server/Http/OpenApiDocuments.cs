using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>
/// /openapi/v2 and /openapi/v3: every CRD version's schema under its reversed-group definition name,
/// minimal object schemas for built-ins, and per-resource operations carrying
/// x-kubernetes-group-version-kind and the dryRun/fieldValidation/fieldManager parameters kubectl looks for.
/// </summary>
internal sealed class OpenApiDocuments(ResourceCatalog catalog, string kubernetesVersion)
{
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public JsonObject V2()
    {
        var definitions = new JsonObject { [ObjectMetaName] = ObjectMeta() };
        foreach (var type in catalog.All)
        {
            definitions[DefinitionName(type)] = Schema(type, "#/definitions/");
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = kubernetesVersion },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
    }

    public JsonObject V3Root()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in catalog.All.Select(t => (t.Group, t.Version)).Distinct())
        {
            var key = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            var hash = Hash(V3GroupVersion(group, version)!.ToJsonString());
            paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public JsonObject? V3GroupVersion(string group, string version)
    {
        var types = catalog.OfGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }

        var schemas = new JsonObject { [ObjectMetaName] = ObjectMeta() };
        var paths = new JsonObject();
        foreach (var type in types)
        {
            schemas[DefinitionName(type)] = Schema(type, "#/components/schemas/");
            var prefix = (group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}")
                + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            paths[prefix] = new JsonObject { ["get"] = Operation(type, "list"), ["post"] = Operation(type, "post") };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(type, "get"),
                ["put"] = Operation(type, "put"),
                ["patch"] = Operation(type, "patch"),
                ["delete"] = Operation(type, "delete"),
            };
            if (type.HasStatus)
            {
                paths[prefix + "/{name}/status"] = new JsonObject
                {
                    ["get"] = Operation(type, "get"),
                    ["put"] = Operation(type, "put"),
                    ["patch"] = Operation(type, "patch"),
                };
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = kubernetesVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    public static string DefinitionName(ResourceType type)
    {
        string prefix;
        if (type.IsCustom)
        {
            prefix = string.Join('.', type.Group.Split('.').Reverse());
        }
        else if (type.Group == "apiextensions.k8s.io")
        {
            prefix = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions";
        }
        else
        {
            var shortGroup = type.Group.Length == 0 ? "core" : type.Group.Replace(".k8s.io", "", StringComparison.Ordinal);
            prefix = $"io.k8s.api.{shortGroup}";
        }

        return $"{prefix}.{type.Version}.{type.Kind}";
    }

    private static JsonObject Schema(ResourceType type, string refPrefix)
    {
        var schema = type.Schema?.OpenApiV3Schema.DeepClone() as JsonObject ?? new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string" },
                ["kind"] = new JsonObject { ["type"] = "string" },
                ["spec"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                ["status"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            },
        };
        if (schema["properties"] is JsonObject properties)
        {
            properties["metadata"] = new JsonObject { ["$ref"] = refPrefix + ObjectMetaName };
        }

        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type));
        return schema;
    }

    private static JsonObject Operation(ResourceType type, string action)
    {
        var parameters = new JsonArray();
        foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation", "force", "pretty" })
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["description"] = name,
                ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }

        return new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(type),
        };
    }

    private static JsonObject Gvk(ResourceType type) => new()
    {
        ["group"] = type.Group,
        ["kind"] = type.Kind,
        ["version"] = type.Version,
    };

    private static JsonObject ObjectMeta()
    {
        JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };
        JsonObject Map(string description) => new()
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" },
        };
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = "ObjectMeta is metadata that all persisted resources must have.",
            ["properties"] = new JsonObject
            {
                ["name"] = Str("Name must be unique within a namespace."),
                ["generateName"] = Str("Prefix for a server-generated name."),
                ["namespace"] = Str("Namespace defines the space within which each name must be unique."),
                ["uid"] = Str("UID is the unique in time and space value for this object."),
                ["resourceVersion"] = Str("An opaque value that represents the internal version of this object."),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
                ["creationTimestamp"] = Str("The time this object was created."),
                ["deletionTimestamp"] = Str("The time after which this resource will be deleted."),
                ["labels"] = Map("Map of string keys and values for organizing and selecting objects."),
                ["annotations"] = Map("Unstructured key value map of arbitrary metadata."),
                ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = Str("finalizer") },
                ["ownerReferences"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                ["managedFields"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            },
        };
    }

    private static string Hash(string text) => Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
