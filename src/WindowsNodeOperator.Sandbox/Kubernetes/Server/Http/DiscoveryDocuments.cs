using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>/version, /api, /apis, /apis/GROUP and the APIResourceLists, built from the catalog at each call.</summary>
internal sealed class DiscoveryDocuments(ResourceCatalog catalog, string kubernetesVersion)
{
    public JsonObject Version()
    {
        var parts = kubernetesVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = kubernetesVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-08-13T00:00:00Z",
            ["goVersion"] = "go1.22.5",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    public JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in catalog.Groups())
        {
            groups.Add(Group(group, versions));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public JsonObject? Group(string name)
    {
        var match = catalog.Groups().FirstOrDefault(g => g.Group == name);
        if (match.Group is null)
        {
            return null;
        }

        var group = Group(match.Group, match.Versions);
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        return group;
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var types = catalog.OfGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(Resource(type));
            if (type.HasStatus)
            {
                resources.Add(Subresource(type, "status", type.Kind, ["get", "patch", "update"]));
            }

            if (type.HasEviction)
            {
                var eviction = Subresource(type, "eviction", "Eviction", ["create"]);
                eviction["group"] = "policy";
                eviction["version"] = "v1";
                resources.Add(eviction);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonObject Resource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["name"] = type.Plural,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = Strings(type.Verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = Strings(type.ShortNames);
        }

        if (type.Categories.Count > 0)
        {
            resource["categories"] = Strings(type.Categories);
        }

        return resource;
    }

    private static JsonObject Subresource(ResourceType type, string name, string kind, IReadOnlyList<string> verbs) => new()
    {
        ["name"] = $"{type.Plural}/{name}",
        ["singularName"] = "",
        ["namespaced"] = type.Namespaced,
        ["kind"] = kind,
        ["verbs"] = Strings(verbs),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
