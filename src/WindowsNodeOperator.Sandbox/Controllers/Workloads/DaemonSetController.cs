using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Controllers.Scheduling;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>
/// One pod per DaemonSet on every node its template fits (node selector, taints less the tolerations every
/// DaemonSet pod gets, cordons ignored); pods on nodes they may not stay on, and duplicates, are deleted.
/// Pods are created bound to their node, as DaemonSets did before they went through the scheduler.
/// </summary>
internal sealed class DaemonSetController(ISandboxStore store, EventWriter events) : ISandboxController
{
    // https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations
    private static readonly (string Key, string Effect)[] DefaultTolerations =
    [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];

    public string Name => "daemonset-controller";

    public int Reconcile()
    {
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).Where(n => !Meta.IsDeleting(n)).OrderBy(Meta.Name, StringComparer.Ordinal).ToList();
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        var writes = 0;
        foreach (var ds in store.List(KubeApi.Apps, KubeApi.DaemonSets).Where(d => !Meta.IsDeleting(d)))
        {
            var template = (ds["spec"]?["template"]?["spec"] as JsonObject) ?? new JsonObject();
            var tolerations = Tolerations.Of(template).Concat(DefaultTolerations.Select(Toleration)).ToList();
            var owned = pods.Where(p => Meta.Namespace(p) == Meta.Namespace(ds) && Owners.IsControlledBy(p, ds, "DaemonSet") && PodState.IsActive(p))
                .ToLookup(p => PodState.NodeName(p) ?? string.Empty, StringComparer.Ordinal);
            int desired = 0, current = 0, ready = 0, misscheduled = 0;
            foreach (var node in nodes)
            {
                var here = owned[Meta.Name(node)].OrderBy(PodState.Created).ToList();
                // A pod is placed where no NoSchedule or NoExecute taint is untolerated, and kept while no NoExecute one is.
                var selected = NodeFit.MatchesNodeSelector(template, node);
                var fits = selected && Tolerations.FirstUntolerated(NodeState.Taints(node), tolerations) is null;
                var keep = selected && Tolerations.FirstUntolerated(NodeState.Taints(node), tolerations, executeOnly: true) is null;
                if (fits)
                {
                    desired++;
                    if (here.Count == 0)
                    {
                        var created = GeneratedNames.Create(store, NewPod(ds, Meta.Name(node), tolerations));
                        events.Normal(Name, ds, "SuccessfulCreate", $"Created pod: {Meta.Name(created)}");
                        writes++;
                        continue;
                    }

                    current++;
                    ready += PodState.IsReady(here[0]) ? 1 : 0;
                }
                else if (here.Count > 0)
                {
                    misscheduled++;
                }

                foreach (var extra in here.Skip(keep ? 1 : 0))
                {
                    store.Delete(KubeApi.Core, KubeApi.Pods, Meta.Namespace(extra), Meta.Name(extra));
                    events.Normal(Name, ds, "SuccessfulDelete", $"Deleted pod: {Meta.Name(extra)}");
                    writes++;
                }
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["desiredNumberScheduled"] = desired,
                ["currentNumberScheduled"] = current,
                ["numberReady"] = ready,
                ["numberAvailable"] = ready,
                ["updatedNumberScheduled"] = current,
                ["numberMisscheduled"] = misscheduled,
                ["numberUnavailable"] = desired - ready,
            };
            writes += StatusCounts.Write(store, KubeApi.DaemonSets, ds, counts) ? 1 : 0;
        }

        return writes;
    }

    private static JsonObject Toleration((string Key, string Effect) t) =>
        new() { ["key"] = t.Key, ["operator"] = "Exists", ["effect"] = t.Effect };

    private static JsonObject NewPod(JsonObject ds, string nodeName, IReadOnlyList<JsonObject> tolerations)
    {
        var pod = PodTemplates.NewPod(ds);
        var spec = (JsonObject)pod["spec"]!;
        spec["nodeName"] = nodeName;
        spec["tolerations"] = new JsonArray(tolerations.Select(t => (JsonNode)t.DeepClone()).ToArray());
        return pod;
    }
}
