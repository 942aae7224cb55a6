using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>Controller owner references: who controls an object, and the reference a controller stamps on what it creates.</summary>
internal static class Owners
{
    public static JsonObject? ControllerOf(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var controller) && controller);

    public static bool IsControlledBy(JsonObject obj, JsonObject owner, string kind)
    {
        if (ControllerOf(obj) is not { } reference || Meta.Str(reference, "kind") != kind || Meta.Str(reference, "name") != Meta.Name(owner))
        {
            return false;
        }

        var uid = Meta.Str(reference, "uid");
        return string.IsNullOrEmpty(uid) || uid == Meta.Uid(owner);
    }

    public static JsonObject Reference(JsonObject owner) => new()
    {
        ["apiVersion"] = Meta.Str(owner, "apiVersion"),
        ["kind"] = Meta.Str(owner, "kind"),
        ["name"] = Meta.Name(owner),
        ["uid"] = Meta.Uid(owner) ?? string.Empty,
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };
}
