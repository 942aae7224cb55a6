using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>
/// Keeps spec.replicas active pods per ReplicaSet: a missing pod (evicted, deleted, garbage collected) is
/// replaced by a new one named by generateName, surplus pods go least useful first; status counts follow.
/// </summary>
internal sealed class ReplicaSetController(ISandboxStore store, EventWriter events) : ISandboxController
{
    public string Name => "replicaset-controller";

    public int Reconcile()
    {
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        var writes = 0;
        foreach (var rs in store.List(KubeApi.Apps, KubeApi.ReplicaSets).Where(r => !Meta.IsDeleting(r)))
        {
            var owned = pods.Where(p => Meta.Namespace(p) == Meta.Namespace(rs) && Owners.IsControlledBy(p, rs, "ReplicaSet") && PodState.IsActive(p)).ToList();
            var diff = PodTemplates.Replicas(rs) - owned.Count;

            // 1. Too few: create the missing pods; the scheduler binds them.
            for (var i = 0; i < diff; i++)
            {
                var created = GeneratedNames.Create(store, PodTemplates.NewPod(rs));
                events.Normal(Name, rs, "SuccessfulCreate", $"Created pod: {Meta.Name(created)}");
                writes++;
            }

            // 2. Too many: delete the least useful first (unbound, then not running, then not ready, then newest).
            foreach (var surplus in owned.OrderBy(DeletionRank).ThenByDescending(PodState.Created).Take(Math.Max(0, -diff)))
            {
                store.Delete(KubeApi.Core, KubeApi.Pods, Meta.Namespace(surplus), Meta.Name(surplus));
                events.Normal(Name, rs, "SuccessfulDelete", $"Deleted pod: {Meta.Name(surplus)}");
                writes++;
            }

            var ready = owned.Count(PodState.IsReady);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["replicas"] = owned.Count,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
            };
            writes += StatusCounts.Write(store, KubeApi.ReplicaSets, rs, counts) ? 1 : 0;
        }

        return writes;
    }

    private static int DeletionRank(JsonObject pod) =>
        PodState.NodeName(pod) is null ? 0
        : PodState.Phase(pod) != "Running" ? 1
        : !PodState.IsReady(pod) ? 2
        : 3;
}
