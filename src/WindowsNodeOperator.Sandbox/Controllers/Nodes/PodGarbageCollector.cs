using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Nodes;

/// <summary>
/// Deletes pods bound to a node that no longer exists (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-garbage-collection),
/// and, as the garbage collector does for background deletion, pods and ReplicaSets whose controller is gone.
/// </summary>
internal sealed class PodGarbageCollector(ISandboxStore store) : ISandboxController
{
    private static readonly Dictionary<string, string> PluralOfOwner = new(StringComparer.Ordinal)
    {
        ["ReplicaSet"] = KubeApi.ReplicaSets,
        ["StatefulSet"] = KubeApi.StatefulSets,
        ["DaemonSet"] = KubeApi.DaemonSets,
        ["Deployment"] = KubeApi.Deployments,
    };

    public string Name => "pod-garbage-collector";

    public int Reconcile()
    {
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).Select(Meta.Name).ToHashSet(StringComparer.Ordinal);
        var owners = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var writes = 0;
        foreach (var pod in store.List(KubeApi.Core, KubeApi.Pods))
        {
            var orphaned = PodState.NodeName(pod) is { } node && !nodes.Contains(node);
            if (orphaned && Meta.Finalizers(pod).Contains(NodeLifecycleController.KubeletHold))
            {
                // The Node is gone: nothing holds its pods any more (a deleting one goes with the hold).
                var rest = new JsonArray(Meta.Finalizers(pod).Where(f => f != NodeLifecycleController.KubeletHold).Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
                store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
                    new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = rest } });
                writes++;
                if (Meta.IsDeleting(pod))
                {
                    continue;
                }
            }

            if (orphaned || OwnerGone(pod, owners))
            {
                // An orphaned pod has no kubelet left to confirm its deletion: the pod GC deletes it with grace 0.
                writes += store.Delete(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), orphaned ? 0 : null) is null ? 0 : 1;
            }
        }

        foreach (var rs in store.List(KubeApi.Apps, KubeApi.ReplicaSets).Where(r => OwnerGone(r, owners)))
        {
            writes += store.Delete(KubeApi.Apps, KubeApi.ReplicaSets, Meta.Namespace(rs), Meta.Name(rs)) is null ? 0 : 1;
        }

        return writes;
    }

    private bool OwnerGone(JsonObject obj, Dictionary<string, JsonObject?> owners)
    {
        if (Owners.ControllerOf(obj) is not { } reference
            || Meta.Str(reference, "apiVersion") != KubeApi.Apps
            || !PluralOfOwner.TryGetValue(Meta.Str(reference, "kind") ?? string.Empty, out var plural))
        {
            return false;
        }

        var name = Meta.Str(reference, "name") ?? string.Empty;
        var key = $"{plural}/{Meta.Namespace(obj)}/{name}";
        if (!owners.TryGetValue(key, out var owner))
        {
            owner = store.Find(KubeApi.Apps, plural, Meta.Namespace(obj), name);
            owners[key] = owner;
        }

        var uid = Meta.Str(reference, "uid");
        return owner is null || (!string.IsNullOrEmpty(uid) && uid != Meta.Uid(owner));
    }
}
