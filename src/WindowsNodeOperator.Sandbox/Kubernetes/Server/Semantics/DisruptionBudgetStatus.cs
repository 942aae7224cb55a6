using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Keeps every PodDisruptionBudget's status true to the pods of its namespace, as the disruption controller does.</summary>
internal sealed class DisruptionBudgetStatus(ObjectStore store, TimeProvider time)
{
    private static readonly string PdbKey = BuiltInResources.PodDisruptionBudgets.StorageKey;

    /// <summary>
    /// Recomputes the budgets of one namespace, or with <paramref name="pod"/> only those selecting it (before or
    /// after the change), so a pod no budget selects costs nothing; callers hold the store lock.
    /// </summary>
    public void Refresh(string ns, JsonObject? pod = null, JsonObject? previous = null)
    {
        var budgets = store.List(PdbKey, ns);
        if (pod is not null)
        {
            budgets = budgets.Where(b => Selects(b, pod) || (previous is not null && Selects(b, previous))).ToList();
        }

        if (budgets.Count == 0)
        {
            return;
        }

        var pods = store.List(BuiltInResources.Pods.StorageKey, ns);
        foreach (var pdb in budgets)
        {
            var expected = ControllerScale.Expected(store, ns, pods.Where(p => Selects(pdb, p)));
            var status = DisruptionRules.ComputeStatus(pdb, pods, time.GetUtcNow(), expected);
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

    private static bool Selects(JsonObject pdb, JsonObject pod)
    {
        try
        {
            return LabelSelector.FromObject(pdb["spec"]?["selector"]).Matches(pod);
        }
        catch (SelectorException)
        {
            // A budget with a broken selector reports it in its status: refresh it.
            return true;
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
