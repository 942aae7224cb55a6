using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Nodes;

/// <summary>
/// A booted instance's Node joins in the order a real EKS node does. The kubelet, run with
/// <c>--cloud-provider=external</c>, registers it NotReady, tainted <c>node.cloudprovider.kubernetes.io/uninitialized</c>
/// <c>NoSchedule</c>, with no <c>spec.providerID</c> and no zone, region or instance-type labels
/// (https://kubernetes.io/docs/tasks/administer-cluster/running-cloud-controller/). After
/// <see cref="SandboxControllerOptions.NodeInitialization"/> the cloud controller manager's node controller initializes it:
/// providerID, those labels, the taint removed (https://kubernetes.io/docs/concepts/architecture/cloud-controller/#node-controller).
/// After <see cref="SandboxControllerOptions.NodeReady"/> the kubelet posts Ready. A delay of zero does its step at registration.
/// </summary>
internal sealed class NodeRegistration(ISandboxStore store, TimeProvider time, FleetOptions fleet, SandboxControllerOptions options, EventWriter events)
    : ISandboxController
{
    /// <summary>The taint a kubelet with an external cloud provider registers its Node with.</summary>
    public const string UninitializedTaint = "node.cloudprovider.kubernetes.io/uninitialized";

    /// <summary>The labels the cloud controller manager sets when it initializes a node.</summary>
    public static readonly string[] CloudLabels = ["node.kubernetes.io/instance-type", "topology.kubernetes.io/region", "topology.kubernetes.io/zone"];

    private readonly Dictionary<string, Joining> _joining = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _initialized = new(StringComparer.Ordinal);

    public string Name => "node-registration";

    public DateTimeOffset? NextDue =>
        _joining.Values.SelectMany(j => new[] { j.InitializeAt, j.ReadyAt }).OfType<DateTimeOffset>().Select(t => (DateTimeOffset?)t).Min();

    /// <summary>When each Node registered by a booted instance was initialized by the cloud controller manager, by node name.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Initialized => _initialized;

    /// <summary>Registers the instance's Node as its kubelet does; false when it was already there.</summary>
    public bool Register(SimulatedInstance instance)
    {
        var now = time.GetUtcNow();
        var node = NodeManifest.For(instance, fleet);
        foreach (var condition in ((JsonArray)node["status"]!["conditions"]!).OfType<JsonObject>())
        {
            condition["lastHeartbeatTime"] = Meta.Time(now);
            condition["lastTransitionTime"] = Meta.Time(now);
        }

        var joining = new Joining(instance, null, null);
        if (options.NodeInitialization > TimeSpan.Zero)
        {
            // 1. No cloud provider in the kubelet: no providerID, no cloud labels, and the taint until the CCM has looked.
            ((JsonObject)node["spec"]!).Remove("providerID");
            var labels = (JsonObject)node["metadata"]!["labels"]!;
            foreach (var label in CloudLabels)
            {
                labels.Remove(label);
            }

            node["spec"]!["taints"] = new JsonArray(new JsonObject { ["key"] = UninitializedTaint, ["value"] = "true", ["effect"] = "NoSchedule" });
            joining = joining with { InitializeAt = now + options.NodeInitialization };
        }

        if (options.NodeReady > TimeSpan.Zero)
        {
            // 2. Registered before its runtime and network are up: NotReady.
            var ready = ((JsonArray)node["status"]!["conditions"]!).OfType<JsonObject>().First(c => Meta.Str(c, "type") == "Ready");
            ready["status"] = "False";
            ready["reason"] = "KubeletNotReady";
            ready["message"] = "container runtime status check may not have completed yet";
            joining = joining with { ReadyAt = now + options.NodeReady };
        }

        try
        {
            var created = store.Create(node);
            events.Normal("node-controller", created, "RegisteredNode", $"Node {instance.NodeName} event: Registered Node {instance.NodeName} in Controller");
        }
        catch (SandboxApiException e) when (e.Code == 409)
        {
            return false;
        }

        if (joining.InitializeAt is null)
        {
            _initialized[instance.NodeName] = now;
        }

        if (joining.InitializeAt is not null || joining.ReadyAt is not null)
        {
            _joining[instance.NodeName] = joining;
        }

        return true;
    }

    /// <summary>
    /// The instance is gone: stop initializing its Node. Returns the Node's name when the cloud controller manager had not
    /// set its providerID yet (it finds such a node by name, as the AWS cloud provider looks an instance up by private DNS name).
    /// </summary>
    public string? Forget(string providerId)
    {
        var entry = _joining.FirstOrDefault(j => j.Value.Instance.ProviderId == providerId);
        if (entry.Key is null)
        {
            return null;
        }

        _joining.Remove(entry.Key);
        return entry.Value.InitializeAt is null ? null : entry.Key;
    }

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var writes = 0;
        foreach (var (name, joining) in _joining.ToList())
        {
            if (store.Find(KubeApi.Core, KubeApi.Nodes, null, name) is not { } node)
            {
                _joining.Remove(name);
                continue;
            }

            var next = joining;
            if (joining.InitializeAt is { } initializeAt && initializeAt <= now)
            {
                Initialize(node, joining.Instance);
                _initialized[name] = now;
                next = next with { InitializeAt = null };
                writes++;
            }

            if (joining.ReadyAt is { } readyAt && readyAt <= now)
            {
                node = store.Find(KubeApi.Core, KubeApi.Nodes, null, name)!;
                var ready = Conditions.Make(node, "Ready", "True", now, "KubeletReady", "kubelet is posting ready status");
                ready.Remove("lastProbeTime");
                ready["lastHeartbeatTime"] = Meta.Time(now);
                store.Patch(KubeApi.Core, KubeApi.Nodes, null, name, SandboxPatchType.Merge,
                    new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions.With(node, ready) } }, KubeApi.Status);
                events.Normal("kubelet", node, "NodeReady", $"Node {name} status is now: NodeReady");
                next = next with { ReadyAt = null };
                writes++;
            }

            if (next.InitializeAt is null && next.ReadyAt is null)
            {
                _joining.Remove(name);
            }
            else
            {
                _joining[name] = next;
            }
        }

        return writes;
    }

    // The CCM's node controller: providerID, the zone, region and instance-type labels, and the taint removed.
    private void Initialize(JsonObject node, SimulatedInstance instance)
    {
        var taints = new JsonArray(NodeState.Taints(node).Where(t => Meta.Str(t, "key") != UninitializedTaint).Select(t => (JsonNode)t.DeepClone()).ToArray());
        store.Patch(KubeApi.Core, KubeApi.Nodes, null, Meta.Name(node), SandboxPatchType.Merge, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject
                {
                    ["node.kubernetes.io/instance-type"] = instance.InstanceType,
                    ["topology.kubernetes.io/region"] = fleet.Region,
                    ["topology.kubernetes.io/zone"] = instance.AvailabilityZone,
                },
            },
            ["spec"] = new JsonObject { ["providerID"] = instance.ProviderId, ["taints"] = taints },
        });
    }

    private sealed record Joining(SimulatedInstance Instance, DateTimeOffset? InitializeAt, DateTimeOffset? ReadyAt);
}
