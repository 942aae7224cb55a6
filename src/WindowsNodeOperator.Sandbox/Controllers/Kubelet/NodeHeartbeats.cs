using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// Every live kubelet's two heartbeats (https://kubernetes.io/docs/concepts/architecture/nodes/#node-heartbeats):
/// its Node's status, posted at each <c>nodeStatusUpdateFrequency</c> tick when it changed and at least every
/// <c>nodeStatusReportFrequency</c> (conditions' <c>lastHeartbeatTime</c>), and its Lease in <c>kube-node-lease</c>,
/// renewed every quarter of <c>nodeLeaseDurationSeconds</c>. One tick writes every heartbeat due, for all nodes at
/// once; a node whose kubelet stopped (an outage, or conditions Unknown) beats no more, and a deleted node's Lease is collected.
/// </summary>
internal sealed class NodeHeartbeats(ISandboxStore store, TimeProvider time, NodeHeartbeatOptions options, KubeletOutages outages)
{
    public const string LeaseNamespace = "kube-node-lease";
    private const string Coordination = "coordination.k8s.io/v1";

    // What each kubelet last posted: when, and its conditions without heartbeat times.
    private readonly Dictionary<string, (DateTimeOffset At, string Conditions)> _reported = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leases = new(StringComparer.Ordinal);
    private DateTimeOffset? _nextStatus;
    private DateTimeOffset? _nextLease;

    /// <summary>Writes the heartbeats due at the clock's now; returns how many writes it made.</summary>
    public int Beat()
    {
        if (!options.Enabled)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var statusDue = _nextStatus is not { } s || s <= now;
        var leaseDue = _nextLease is not { } l || l <= now;
        if (!statusDue && !leaseDue)
        {
            return 0;
        }

        // Ticks restart from now: after a long jump of the clock one beat stands for all the missed ones.
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes);
        var writes = 0;
        if (statusDue)
        {
            writes += PostStatuses(nodes, now);
            _nextStatus = now + options.NodeStatusUpdateFrequency;
        }

        if (leaseDue)
        {
            writes += RenewLeases(nodes, now);
            _nextLease = now + options.LeaseRenewInterval;
        }

        return writes;
    }

    private int PostStatuses(IReadOnlyList<JsonObject> nodes, DateTimeOffset now)
    {
        var writes = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(HasKubelet))
        {
            var name = Meta.Name(node);
            seen.Add(name);
            var conditions = Fingerprint(node);
            var last = _reported.TryGetValue(name, out var r) ? r : (At: LastHeartbeat(node), Conditions: conditions);
            _reported[name] = last;
            if (last.Conditions == conditions && now - last.At < options.NodeStatusReportFrequency)
            {
                continue;
            }

            var beat = new JsonArray();
            foreach (var condition in (node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var copy = (JsonObject)condition.DeepClone();
                copy["lastHeartbeatTime"] = Meta.Time(now);
                beat.Add(copy);
            }

            if (Try(() => store.Patch(KubeApi.Core, KubeApi.Nodes, null, name, SandboxPatchType.Merge,
                    new JsonObject { ["status"] = new JsonObject { ["conditions"] = beat } }, KubeApi.Status)))
            {
                _reported[name] = (now, conditions);
                writes++;
            }
        }

        foreach (var gone in _reported.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _reported.Remove(gone);
        }

        return writes;
    }

    private int RenewLeases(IReadOnlyList<JsonObject> nodes, DateTimeOffset now)
    {
        var writes = 0;
        var renewal = new JsonObject { ["spec"] = new JsonObject { ["renewTime"] = Meta.MicroTime(now) } };
        foreach (var node in nodes.Where(HasKubelet))
        {
            var name = Meta.Name(node);

            // 1. First beat of this kubelet: create its Lease (one already there is renewed instead).
            if (_leases.Add(name) && Try(() => store.Create(Lease(node, now))))
            {
                writes++;
                continue;
            }

            // 2. Renew it; a Lease deleted by someone is created again on the next tick.
            if (Try(() => store.Patch(Coordination, "leases", LeaseNamespace, name, SandboxPatchType.Merge, renewal)))
            {
                writes++;
            }
            else
            {
                _leases.Remove(name);
            }
        }

        // The garbage collector deletes a Lease with its owning Node.
        var names = nodes.Select(Meta.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in _leases.Where(l => !names.Contains(l)).ToList())
        {
            _leases.Remove(orphan);
            writes += store.Delete(Coordination, "leases", LeaseNamespace, orphan) is null ? 0 : 1;
        }

        return writes;
    }

    // A node whose conditions went Unknown has no kubelet posting (its instance is gone), nor one whose kubelet stopped; a
    // deleting one is going.
    private bool HasKubelet(JsonObject node) =>
        !Meta.IsDeleting(node) && !outages.IsStopped(Meta.Name(node)) && Conditions.Status(node, "Ready") is { } ready && ready != "Unknown";

    private static string Fingerprint(JsonObject node) =>
        string.Join('|', ((node["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>() ?? [])
            .Select(c => $"{Meta.Str(c, "type")}={Meta.Str(c, "status")}/{Meta.Str(c, "reason")}/{Meta.Str(c, "message")}"));

    private static DateTimeOffset LastHeartbeat(JsonObject node) =>
        DateTimeOffset.TryParse(Meta.Str(Conditions.Find(node, "Ready"), "lastHeartbeatTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : DateTimeOffset.MinValue;

    private JsonObject Lease(JsonObject node, DateTimeOffset now) => new()
    {
        ["apiVersion"] = Coordination,
        ["kind"] = "Lease",
        ["metadata"] = new JsonObject
        {
            ["name"] = Meta.Name(node),
            ["namespace"] = LeaseNamespace,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Node",
                ["name"] = Meta.Name(node),
                ["uid"] = Meta.Uid(node),
            }),
        },
        ["spec"] = new JsonObject
        {
            ["holderIdentity"] = Meta.Name(node),
            ["leaseDurationSeconds"] = options.NodeLeaseDurationSeconds,
            ["renewTime"] = Meta.MicroTime(now),
        },
    };

    // A node deleted, or a Lease created or deleted by someone else, between the list and the write: the next tick sees it.
    private static bool Try(Action write)
    {
        try
        {
            write();
            return true;
        }
        catch (SandboxApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }
}
