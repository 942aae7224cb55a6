using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Keeps every PodDisruptionBudget's status true to the pods of its namespace, as the disruption controller does.</summary>
internal sealed class DisruptionBudgetStatus(ObjectStore store, TimeProvider time)
{
    private static readonly string PdbKey = BuiltInResources.PodDisruptionBudgets.StorageKey;

    /// <summary>Recomputes the budgets of one namespace; callers hold the store lock.</summary>
    public void Refresh(string ns)
    {
        var pods = store.List(BuiltInResources.Pods.StorageKey, ns);
        foreach (var pdb in store.List(PdbKey, ns))
        {
            var status = DisruptionRules.ComputeStatus(pdb, pods, time.GetUtcNow());
            if (pdb["status"] is JsonObject old && SameCounts(old, status))
            {
                continue;
            }

            var next = (JsonObject)pdb.DeepClone();
            next["status"] = status;
            Meta.Metadata(next)["resourceVersion"] = store.NextResourceVersion().ToString(CultureInfo.InvariantCulture);
            store.Put(PdbKey, next, pdb);
        }
    }

    private static bool SameCounts(JsonObject old, JsonObject status)
    {
        var a = (JsonObject)old.DeepClone();
        var b = (JsonObject)status.DeepClone();
        a.Remove("conditions");
        b.Remove("conditions");
        a.Remove("disruptedPods");
        b.Remove("disruptedPods");
        return JsonNode.DeepEquals(a, b);
    }
}
