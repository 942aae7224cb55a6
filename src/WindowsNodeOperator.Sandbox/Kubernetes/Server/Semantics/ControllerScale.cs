using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>
/// The pods a budget's controllers want: the sum of the scale of each distinct controller of the selected pods (a
/// ReplicaSet's Deployment, else the ReplicaSet; a StatefulSet), as the disruption controller counts <c>expectedPods</c>
/// for <c>maxUnavailable</c> and percentage budgets (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#arbitrary-controllers-and-selectors).
/// A Terminating pod and its replacement thus count once. Null when a pod has no controller of those kinds; the caller
/// then counts the pods found.
/// </summary>
internal static class ControllerScale
{
    public static int? Expected(ObjectStore store, string ns, IEnumerable<JsonObject> selectedPods)
    {
        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in selectedPods)
        {
            if (Controller(pod) is not { } owner)
            {
                return null;
            }

            var scaled = Resolve(store, ns, owner);
            if (scaled is null)
            {
                return null;
            }

            scales[Meta.Uid(scaled) ?? Meta.Name(scaled)] = (int)(Meta.Long(scaled["spec"]?["replicas"]) ?? 1);
        }

        return scales.Count == 0 ? null : scales.Values.Sum();
    }

    private static JsonObject? Resolve(ObjectStore store, string ns, JsonObject owner)
    {
        var name = Meta.Str(owner, "name") ?? string.Empty;
        switch (Meta.Str(owner, "kind"))
        {
            case "StatefulSet":
                return store.Get(BuiltInResources.StatefulSets.StorageKey, ns, name);
            case "ReplicaSet":
                var rs = store.Get(BuiltInResources.ReplicaSets.StorageKey, ns, name);
                if (rs is not null && Controller(rs) is { } deployment && Meta.Str(deployment, "kind") == "Deployment")
                {
                    return store.Get(BuiltInResources.Deployments.StorageKey, ns, Meta.Str(deployment, "name") ?? string.Empty) ?? rs;
                }

                return rs;
            default:
                return null;
        }
    }

    private static JsonObject? Controller(JsonObject obj) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"] is JsonValue v && v.TryGetValue<bool>(out var c) && c);
}
