using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Between a served version's form and the storage form (events.k8s.io events are stored as core events; CR versions differ only in apiVersion).</summary>
internal static class Conversions
{
    public static ResourceType StorageType(ResourceType type) =>
        type == BuiltInResources.NewEvents ? BuiltInResources.Events : type;

    public static JsonObject ToStorage(ResourceType type, JsonObject obj) =>
        type == BuiltInResources.NewEvents ? EventConversion.ToCore(obj) : obj;

    public static JsonObject FromStorage(ResourceType type, JsonObject stored)
    {
        if (type == BuiltInResources.NewEvents)
        {
            return EventConversion.ToModern(stored);
        }

        var copy = (JsonObject)stored.DeepClone();
        if (type.IsCustom)
        {
            copy["apiVersion"] = type.ApiVersion;
        }

        return copy;
    }
}
