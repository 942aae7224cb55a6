using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

internal sealed partial class ResourceService
{
    /// <summary>
    /// POST pods/NAME/eviction: PodDisruptionBudget check, budget charge and pod deletion, as the
    /// eviction subresource does (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/).
    /// </summary>
    public JsonObject Evict(string ns, string podName, JsonObject eviction, bool dryRun)
    {
        var evictionName = Meta.Name(eviction);
        if (evictionName.Length > 0 && evictionName != podName)
        {
            throw ApiErrors.BadRequest($"name in URL does not match name in Eviction object");
        }

        var deleteOptions = eviction["deleteOptions"] as JsonObject;
        var options = new DeleteOptions
        {
            DryRun = dryRun || deleteOptions?["dryRun"] is JsonArray { Count: > 0 },
            GracePeriodSeconds = Meta.Long(deleteOptions?["gracePeriodSeconds"]),
            PreconditionUid = Meta.Str(deleteOptions?["preconditions"], "uid"),
            PreconditionResourceVersion = Meta.Str(deleteOptions?["preconditions"], "resourceVersion"),
        };

        lock (Store.Sync)
        {
            var pod = Existing(BuiltInResources.Pods, ns, podName);
            var budgets = Store.List(BuiltInResources.PodDisruptionBudgets.StorageKey, ns);
            var pods = Store.List(BuiltInResources.Pods.StorageKey, ns);
            var verdict = DisruptionRules.Decide(pod, budgets, pods);
            if (verdict.Refusal is { } refusal)
            {
                throw refusal;
            }

            if (!options.DryRun && verdict.BudgetName is { } budgetName)
            {
                ChargeBudget(ns, budgetName, podName);
            }

            DeleteLocked(BuiltInResources.Pods, ns, podName, options);
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        };
    }

    private void ChargeBudget(string ns, string budgetName, string podName)
    {
        var key = BuiltInResources.PodDisruptionBudgets.StorageKey;
        var pdb = Store.Get(key, ns, budgetName)!;
        var next = (JsonObject)pdb.DeepClone();
        next["status"] = DisruptionRules.ChargedStatus(pdb, podName, Time.GetUtcNow());
        Meta.Metadata(next)["resourceVersion"] = Store.NextResourceVersion().ToString(CultureInfo.InvariantCulture);
        Store.Put(key, next, pdb);
    }
}
