using System.Text.Json.Nodes;
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
/// </summary>
internal sealed class NodeLifecycleController(
    ISandboxStore store, TimeProvider time, FleetOptions fleet, SandboxControllerOptions options, EventWriter events) : ISandboxController
{
    private static readonly string[] NodeConditions = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

    // Nodes whose instance is gone, by name, and when they are deleted.
    private readonly Dictionary<string, DateTimeOffset> _deleteAt = new(StringComparer.Ordinal);

    public string Name => "node-lifecycle-controller";

    public DateTimeOffset? NextDue => _deleteAt.Count == 0 ? null : _deleteAt.Values.Min();

    /// <summary>Registers the instance's Node (Ready, as its kubelet reports); false when it was already there.</summary>
    public bool Register(SimulatedInstance instance)
    {
        var node = NodeManifest.For(instance, fleet);
        var now = Meta.Time(time.GetUtcNow());
        foreach (var condition in ((JsonArray)node["status"]!["conditions"]!).OfType<JsonObject>())
        {
            condition["lastHeartbeatTime"] = now;
            condition["lastTransitionTime"] = now;
        }

        try
        {
            var created = store.Create(node);
            events.Normal("node-controller", created, "RegisteredNode", $"Node {instance.NodeName} event: Registered Node {instance.NodeName} in Controller");
            return true;
        }
        catch (SandboxApiException e) when (e.Code == 409)
        {
            return false;
        }
    }

    /// <summary>Marks the Node of the instance unreachable and schedules its deletion; false when no Node has that providerID.</summary>
    public bool MarkTerminated(string providerId)
    {
        var node = store.List(KubeApi.Core, KubeApi.Nodes).FirstOrDefault(n => NodeState.ProviderId(n) == providerId);
        if (node is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var name = Meta.Name(node);
        _deleteAt.TryAdd(name, now + options.NodeDeletionGrace);

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
        }

        return true;
    }

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var writes = 0;
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

    private const string Unreachable = "node.kubernetes.io/unreachable";

    private static JsonObject Unknown(JsonObject node, string type, DateTimeOffset now)
    {
        var condition = Conditions.Make(node, type, "Unknown", now, "NodeStatusUnknown", "Kubelet stopped posting node status.");
        condition.Remove("lastProbeTime");
        condition["lastHeartbeatTime"] = Conditions.Find(node, type)?["lastHeartbeatTime"]?.DeepClone();
        return condition;
    }
}
