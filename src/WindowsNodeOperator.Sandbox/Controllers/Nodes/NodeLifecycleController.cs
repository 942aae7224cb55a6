using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Kubelet;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Nodes;

/// <summary>
/// Nodes coming and going with their instances: a booted instance registers its Node; a terminated one's Node
/// stops reporting (conditions Unknown, unreachable taints, its pods not Ready, as the node lifecycle controller
/// marks them) and is deleted once the grace has passed, as the cloud node lifecycle controller does
/// (https://kubernetes.io/docs/concepts/architecture/cloud-controller/#node-lifecycle-controller).
/// A node whose kubelet stopped while its instance runs is marked the same way once the node monitor grace period has
/// passed, but stays; after their toleration its pods are marked for deletion, as the taint eviction controller does,
/// and stay Terminating: no kubelet confirms (https://kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/).
/// </summary>
internal sealed class NodeLifecycleController(
    ISandboxStore store, TimeProvider time, FleetOptions fleet, SandboxControllerOptions options, EventWriter events, KubeletOutages outages)
    : ISandboxController
{
    /// <summary>
    /// Stands for the kubelet that would confirm a pod's deletion: a pod on an unreachable node carries it, so a deletion
    /// leaves it Terminating; released when the Node goes (the pod garbage collector), as the API server then lets it go.
    /// </summary>
    public const string KubeletHold = "sandbox.windowsnode.io/kubelet-confirms-deletion";

    private static readonly string[] NodeConditions = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

    // Nodes whose instance is gone, by name, and when they are deleted.
    private readonly Dictionary<string, DateTimeOffset> _deleteAt = new(StringComparer.Ordinal);

    // Nodes whose kubelet stopped that are marked unreachable, and since when (their taints' timeAdded).
    private readonly Dictionary<string, DateTimeOffset> _unreachableSince = new(StringComparer.Ordinal);

    // The fleet's outages still to come, and when.
    private readonly List<(KubeletOutageOptions Outage, DateTimeOffset At)> _planned =
        fleet.KubeletOutages.Select(o => (o, time.GetUtcNow() + o.After)).ToList();

    private DateTimeOffset? _nextEviction;

    public string Name => "node-lifecycle-controller";

    public DateTimeOffset? NextDue =>
        _deleteAt.Values
            .Concat(_planned.Select(p => p.At))
            .Concat(outages.Stopped.Where(s => !_unreachableSince.ContainsKey(s.Key)).Select(s => s.Value + options.NodeMonitorGracePeriod))
            .Append(_nextEviction ?? DateTimeOffset.MaxValue)
            .Where(t => t != DateTimeOffset.MaxValue)
            .Select(t => (DateTimeOffset?)t)
            .Min();

    /// <summary>Stops the kubelet of the node now; false when there is no such node.</summary>
    public bool StopKubelet(string nodeName)
    {
        if (store.Find(KubeApi.Core, KubeApi.Nodes, null, nodeName) is null)
        {
            return false;
        }

        outages.Stop(nodeName, time.GetUtcNow());
        return true;
    }

    /// <summary>
    /// Marks the Node of the instance unreachable and schedules its deletion; false when no Node has that providerID, nor
    /// the name <paramref name="uninitialized"/> of its Node still waiting for one.
    /// </summary>
    public bool MarkTerminated(string providerId, string? uninitialized = null)
    {
        var node = store.List(KubeApi.Core, KubeApi.Nodes).FirstOrDefault(n => NodeState.ProviderId(n) == providerId)
            ?? (uninitialized is null ? null : store.Find(KubeApi.Core, KubeApi.Nodes, null, uninitialized));
        if (node is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        _deleteAt.TryAdd(Meta.Name(node), now + options.NodeDeletionGrace);
        MarkUnreachable(node, now, hold: false);
        return true;
    }

    /// <summary>
    /// The kubelet stopped posting: conditions Unknown, the unreachable taints, its pods not Ready; with
    /// <paramref name="hold"/> (the instance runs on), its pods are held until a kubelet or the Node's deletion lets them go.
    /// </summary>
    private void MarkUnreachable(JsonObject node, DateTimeOffset now, bool hold)
    {
        var name = Meta.Name(node);

        // 1. The kubelet stopped posting: every condition goes Unknown.
        var unknown = NodeConditions.Select(type => Unknown(node, type, now)).ToArray();
        store.Patch(KubeApi.Core, KubeApi.Nodes, null, name, SandboxPatchType.Merge,
            new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions.With(node, unknown) } }, KubeApi.Status);

        events.Normal("node-controller", node, "NodeNotReady", $"Node {name} status is now: NodeNotReady");

        // 2. Taints keep new pods away (https://kubernetes.io/docs/reference/labels-annotations-taints/#node-kubernetes-io-unreachable).
        var taints = new JsonArray(NodeState.Taints(node).Where(t => Meta.Str(t, "key") != Unreachable).Select(t => (JsonNode)t.DeepClone()).ToArray());
        taints.Add(new JsonObject { ["key"] = Unreachable, ["effect"] = "NoSchedule", ["timeAdded"] = Meta.Time(now) });
        taints.Add(new JsonObject { ["key"] = Unreachable, ["effect"] = "NoExecute", ["timeAdded"] = Meta.Time(now) });
        store.Patch(KubeApi.Core, KubeApi.Nodes, null, name, SandboxPatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["taints"] = taints } });

        // 3. Its pods are no longer Ready, so budgets count them out.
        foreach (var pod in store.List(KubeApi.Core, KubeApi.Pods, fieldSelector: $"spec.nodeName={name}").Where(p => !Meta.IsDeleting(p)))
        {
            var notReady = Conditions.Make(pod, "Ready", "False", now);
            store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
                new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions.With(pod, notReady) } }, KubeApi.Status);
            if (hold)
            {
                var finalizers = new JsonArray(Meta.Finalizers(pod).Append(KubeletHold).Distinct().Select(f => (JsonNode)JsonValue.Create(f)!).ToArray());
                store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
                    new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = finalizers } });
            }
        }
    }

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var writes = StartOutages(now) + MarkSilentNodes(now) + TaintEvictions(now);
        foreach (var (name, at) in _deleteAt.Where(d => d.Value <= now).ToList())
        {
            _deleteAt.Remove(name);
            if (store.Delete(KubeApi.Core, KubeApi.Nodes, null, name) is { } deleted)
            {
                events.Normal("node-controller", deleted, "RemovingNode", $"Node {name} event: Removing Node {name} from Controller");
                writes++;
            }
        }

        return writes;
    }

    // 1. The fleet's outages that are due: the kubelet of the group's n-th node (by name) stops.
    private int StartOutages(DateTimeOffset now)
    {
        foreach (var planned in _planned.Where(p => p.At <= now).ToList())
        {
            _planned.Remove(planned);
            var node = store.List(KubeApi.Core, KubeApi.Nodes)
                .Where(n => !Meta.IsDeleting(n) && Meta.Labels(n).GetValueOrDefault(NodeManifest.GroupLabel) == planned.Outage.Group)
                .Select(Meta.Name)
                .Order(StringComparer.Ordinal)
                .ElementAtOrDefault(planned.Outage.Node);
            if (node is not null)
            {
                outages.Stop(node, planned.At);
            }
        }

        return 0;
    }

    // 2. A kubelet silent for the node monitor grace period: the node lifecycle controller marks its node unreachable.
    private int MarkSilentNodes(DateTimeOffset now)
    {
        var writes = 0;
        foreach (var (name, stoppedAt) in outages.Stopped.Where(s => !_unreachableSince.ContainsKey(s.Key)).ToList())
        {
            if (now < stoppedAt + options.NodeMonitorGracePeriod)
            {
                continue;
            }

            if (store.Find(KubeApi.Core, KubeApi.Nodes, null, name) is not { } node)
            {
                outages.Forget(name);
                continue;
            }

            _unreachableSince[name] = now;
            MarkUnreachable(node, now, hold: true);
            writes++;
        }

        return writes;
    }

    // 3. Taint based evictions: a pod not tolerating node.kubernetes.io/unreachable:NoExecute for longer is deleted; with no
    //    kubelet to confirm, it stays Terminating.
    private int TaintEvictions(DateTimeOffset now)
    {
        var writes = 0;
        _nextEviction = null;
        foreach (var (name, since) in _unreachableSince.ToList())
        {
            if (store.Find(KubeApi.Core, KubeApi.Nodes, null, name) is null)
            {
                _unreachableSince.Remove(name);
                outages.Forget(name);
                continue;
            }

            foreach (var pod in store.List(KubeApi.Core, KubeApi.Pods, fieldSelector: $"spec.nodeName={name}").Where(p => !Meta.IsDeleting(p)))
            {
                if (Toleration(pod) is not { } tolerated)
                {
                    continue;
                }

                var due = since + tolerated;
                if (now < due)
                {
                    _nextEviction = _nextEviction is { } next && next < due ? next : due;
                    continue;
                }

                if (store.Delete(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod)) is not null)
                {
                    events.Normal("taint-eviction-controller", pod, "TaintManagerEviction", $"Marking for deletion Pod {Meta.Namespace(pod)}/{Meta.Name(pod)}");
                    writes++;
                }
            }
        }

        return writes;
    }

    /// <summary>
    /// How long the pod tolerates an unreachable node: its own NoExecute toleration's seconds (none: forever, as DaemonSet
    /// pods), else the default the DefaultTolerationSeconds admission plugin would have given it (the sandbox adds none).
    /// </summary>
    private TimeSpan? Toleration(JsonObject pod)
    {
        var own = (pod["spec"]?["tolerations"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(t =>
            (Meta.Str(t, "key") == Unreachable || (Meta.Str(t, "key") is null or "" && Meta.Str(t, "operator") == "Exists"))
            && Meta.Str(t, "effect") is null or "" or "NoExecute");
        if (own is null)
        {
            return options.DefaultUnreachableToleration;
        }

        return Meta.Long(own["tolerationSeconds"]) is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null;
    }

    private const string Unreachable = "node.kubernetes.io/unreachable";

    private static JsonObject Unknown(JsonObject node, string type, DateTimeOffset now)
    {
        var condition = Conditions.Make(node, type, "Unknown", now, "NodeStatusUnknown", "Kubelet stopped posting node status.");
        condition.Remove("lastProbeTime");
        condition["lastHeartbeatTime"] = Conditions.Find(node, type)?["lastHeartbeatTime"]?.DeepClone();
        return condition;
    }
}
