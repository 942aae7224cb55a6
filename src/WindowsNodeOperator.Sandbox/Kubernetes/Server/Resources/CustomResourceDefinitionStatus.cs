using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>The status the apiextensions controllers give a CRD once its names are accepted: NamesAccepted and Established.</summary>
internal static class CustomResourceDefinitionStatus
{
    public static void Apply(JsonObject crd, DateTimeOffset now)
    {
        var names = crd["spec"]?["names"] as JsonObject ?? new JsonObject();
        var accepted = (JsonObject)names.DeepClone();
        var kind = Meta.Str(names, "kind") ?? "";
        accepted["singular"] ??= kind.ToLowerInvariant();
        accepted["listKind"] ??= kind + "List";
        if (crd["spec"] is JsonObject spec && spec["names"] is JsonObject specNames)
        {
            specNames["singular"] ??= kind.ToLowerInvariant();
            specNames["listKind"] ??= kind + "List";
        }

        var previous = crd["status"]?["conditions"] as JsonArray;
        var stored = new JsonArray();
        foreach (var version in crd["spec"]?["versions"] as JsonArray ?? [])
        {
            if (version?["storage"] is JsonValue s && s.TryGetValue<bool>(out var isStorage) && isStorage)
            {
                stored.Add(Meta.Str(version, "name"));
            }
        }

        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition(previous, "NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition(previous, "Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = accepted,
            ["storedVersions"] = stored,
        };
    }

    private static JsonObject Condition(JsonArray? previous, string type, string reason, string message, DateTimeOffset now)
    {
        var since = previous?.OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c, "type") == type)?["lastTransitionTime"]?.DeepClone();
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = since ?? Meta.Time(now),
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
