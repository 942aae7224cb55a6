using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Disruption;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// The kubelets' side of graceful pod deletion: a pod marked for deletion on a node whose kubelet runs is stopped
/// ("Killing"), and once its containers are gone the kubelet deletes it with grace period 0, which removes it
/// (https://kubernetes.io/docs/concepts/workloads/pods/pod-termination/). When the containers are gone depends on the
/// workload's <see cref="StopBehaviour"/>: soon after the request, at the end of the grace period, or never. On a node
/// that is not Ready, or whose kubelet stopped, nothing confirms the deletion and the pod stays Terminating.
/// </summary>
internal sealed class PodTerminations(
    ISandboxStore store, TimeProvider time, SandboxControllerOptions options, EventWriter events, KubeletOutages outages) : ISandboxController
{
    // When each stopping pod's containers are gone (by uid): the next thing due.
    private readonly Dictionary<string, DateTimeOffset> _goneAt = new(StringComparer.Ordinal);

    // Pods (by uid) whose stop was announced.
    private readonly HashSet<string> _killing = new(StringComparer.Ordinal);

    public string Name => "kubelet";

    public DateTimeOffset? NextDue => _goneAt.Count == 0 ? null : _goneAt.Values.Min();

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).ToDictionary(Meta.Name, StringComparer.Ordinal);
        var stopping = new HashSet<string>(StringComparer.Ordinal);
        var writes = 0;
        foreach (var pod in store.List(KubeApi.Core, KubeApi.Pods).Where(p => Meta.IsDeleting(p) && PodState.NodeName(p) is not null))
        {
            // 1. No kubelet posting: nothing stops the containers or confirms the deletion.
            if (!nodes.TryGetValue(PodState.NodeName(pod)!, out var node) || !NodeState.IsReady(node) || outages.IsStopped(Meta.Name(node)))
            {
                continue;
            }

            var uid = Meta.Uid(pod) ?? Meta.Name(pod);
            stopping.Add(uid);
            if (_killing.Add(uid))
            {
                events.Normal(Name, pod, "Killing", $"Stopping container {Meta.Str(pod["spec"]?["containers"]?[0], "name")}");
                writes++;
            }

            // 2. A hung teardown never ends: the pod stays Terminating until someone deletes it with grace period 0.
            if (GoneAt(pod) is not { } goneAt)
            {
                _goneAt.Remove(uid);
                continue;
            }

            if (now < goneAt)
            {
                _goneAt[uid] = goneAt;
                continue;
            }

            // 3. Containers gone: the kubelet removes the pod from the API (grace period 0).
            store.Delete(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), gracePeriodSeconds: 0);
            _goneAt.Remove(uid);
            writes++;
        }

        foreach (var gone in _goneAt.Keys.Where(k => !stopping.Contains(k)).ToList())
        {
            _goneAt.Remove(gone);
        }

        _killing.IntersectWith(stopping);
        return writes;
    }

    /// <summary>When the pod's containers are gone, or null when they never go on their own.</summary>
    private DateTimeOffset? GoneAt(JsonObject pod)
    {
        var deadline = PodFacts.Time(pod["metadata"]?["deletionTimestamp"]) ?? time.GetUtcNow();
        var grace = TimeSpan.FromSeconds(Meta.Long(pod["metadata"]?["deletionGracePeriodSeconds"]) ?? 0);
        var asked = deadline - grace;

        // Containers not started yet have nothing to stop.
        var behaviour = PodState.Phase(pod) == "Running" ? StopBehaviours.Of(pod) : StopBehaviour.Exit;
        return behaviour switch
        {
            StopBehaviour.Hang => null,
            StopBehaviour.IgnoreSignal => deadline,
            _ => Min(asked + options.PodStopDelay, deadline),
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
