using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// Every Ready node's kubelet at once: a pod bound to the node reports ContainerCreating at once and turns
/// Running and Ready after the start delay of the node's OS (Windows images pull slowly). A node that is not
/// Ready has no kubelet posting status, so its pods stay as they are.
/// </summary>
internal sealed class SimulatedKubelet(ISandboxStore store, TimeProvider time, SandboxControllerOptions options, EventWriter events) : ISandboxController
{
    // When each admitted pod (by uid) finishes starting.
    private readonly Dictionary<string, DateTimeOffset> _startsAt = new(StringComparer.Ordinal);

    public string Name => "kubelet";

    public DateTimeOffset? NextDue => _startsAt.Count == 0 ? null : _startsAt.Values.Min();

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).ToDictionary(Meta.Name, StringComparer.Ordinal);
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        var addresses = new PodAddresses(pods);
        var starting = new HashSet<string>(StringComparer.Ordinal);
        var writes = 0;
        foreach (var pod in pods.Where(p => PodState.NodeName(p) is not null && !Meta.IsDeleting(p) && PodState.Phase(p) == "Pending"))
        {
            var uid = Meta.Uid(pod) ?? Meta.Name(pod);
            starting.Add(uid);
            if (!nodes.TryGetValue(PodState.NodeName(pod)!, out var node) || !NodeState.IsReady(node))
            {
                continue;
            }

            // 1. First sight of the pod: admit it and start pulling images.
            if (!_startsAt.TryGetValue(uid, out var startsAt))
            {
                startsAt = now + (NodeState.IsWindows(node) ? options.WindowsPodStartDelay : options.LinuxPodStartDelay);
                _startsAt[uid] = startsAt;
                pod["status"] = PodStatuses.Starting(pod, NodeState.InternalIp(node), now);
                WriteStatus(pod);
                events.Normal(Name, pod, "Pulling", $"Pulling image \"{Meta.Str(pod["spec"]?["containers"]?[0], "image")}\"");
                writes++;
            }

            // 2. Images pulled: the containers run and pass readiness.
            if (now >= startsAt)
            {
                WriteStatus(pod, PodStatuses.Running(pod, addresses.Next(node), now));
                _startsAt.Remove(uid);
                events.Normal(Name, pod, "Started", $"Started container {Meta.Str(pod["spec"]?["containers"]?[0], "name")}");
                writes++;
            }
        }

        foreach (var gone in _startsAt.Keys.Where(k => !starting.Contains(k)).ToList())
        {
            _startsAt.Remove(gone);
        }

        return writes;
    }

    private void WriteStatus(JsonObject pod, JsonObject? status = null) =>
        store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
            new JsonObject { ["status"] = (status ?? pod["status"]!).DeepClone() }, KubeApi.Status);
}
