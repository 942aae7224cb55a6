using System.Globalization;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>The Node and Pod columns of kube's server-side printers.</summary>
internal static class NodeAndPodColumns
{
    public static TableColumn[] Node { get; } =
    [
        Cells.Name,
        new("Status", "string", "The status of the node", (o, _) => NodeStatus(o)),
        new("Roles", "string", "The roles of the node", (o, _) => NodeRoles(o)),
        Cells.Age,
        new("Version", "string", "Kubelet Version reported by the node.", (o, _) => Cells.Text(o, "status.nodeInfo.kubeletVersion") ?? string.Empty),
        new("Internal-IP", "string", "List of addresses reachable to the node.", (o, _) => Address(o, "InternalIP"), Priority: 1),
        new("External-IP", "string", "List of addresses reachable to the node.", (o, _) => Address(o, "ExternalIP"), Priority: 1),
        new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", (o, _) => Cells.TextOr(o, "status.nodeInfo.osImage", "<unknown>"), Priority: 1),
        new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", (o, _) => Cells.TextOr(o, "status.nodeInfo.kernelVersion", "<unknown>"), Priority: 1),
        new("Container-Runtime", "string", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", (o, _) => Cells.TextOr(o, "status.nodeInfo.containerRuntimeVersion", "<unknown>"), Priority: 1),
    ];

    public static TableColumn[] Pod { get; } =
    [
        Cells.Name,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.", (o, _) => PodReady(o)),
        new("Status", "string", "The aggregate status of the containers in this pod.", (o, _) => PodStatus(o)),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", PodRestarts),
        Cells.Age,
        new("IP", "string", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", (o, _) => Cells.TextOr(o, "status.podIP", "<none>"), Priority: 1),
        new("Node", "string", "NodeName indicates in which node this pod is scheduled.", (o, _) => Cells.TextOr(o, "spec.nodeName", "<none>"), Priority: 1),
        new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node.", (o, _) => Cells.TextOr(o, "status.nominatedNodeName", "<none>"), Priority: 1),
        new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", (o, _) => ReadinessGates(o), Priority: 1),
    ];

    private static string NodeStatus(JsonObject node)
    {
        var ready = Cells.Items(node, "status.conditions").FirstOrDefault(c => Cells.Text(c, "type") == "Ready");
        var status = ready is null ? "Unknown" : Cells.Text(ready, "status") == "True" ? "Ready" : "NotReady";
        return Cells.At(node, "spec.unschedulable")?.ToString() == "true" ? status + ",SchedulingDisabled" : status;
    }

    private static string NodeRoles(JsonObject node)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in Cells.At(node, "metadata.labels") as JsonObject ?? [])
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
            {
                roles.Add(key[prefix.Length..]);
            }
            else if (key == "kubernetes.io/role" && value?.ToString() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }

        return roles.Count == 0 ? "<none>" : string.Join(',', roles);
    }

    private static string Address(JsonObject node, string type) =>
        Cells.Items(node, "status.addresses").Where(a => Cells.Text(a, "type") == type).Select(a => Cells.Text(a, "address")).FirstOrDefault() ?? "<none>";

    private static string PodReady(JsonObject pod)
    {
        var total = Cells.Items(pod, "spec.containers").Count();
        var ready = Cells.Items(pod, "status.containerStatuses").Count(s => Cells.At(s, "ready")?.ToString() == "true" && Cells.At(s, "state.running") is not null);
        return string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}");
    }

    // A reduced printPod: the phase or reason, overridden by a container's waiting or terminated reason,
    // "Terminating" while deleting.
    private static string PodStatus(JsonObject pod)
    {
        var reason = Cells.Text(pod, "status.reason") ?? Cells.Text(pod, "status.phase") ?? "Unknown";
        var hasRunning = false;
        foreach (var status in Cells.Items(pod, "status.containerStatuses").Reverse())
        {
            if (Cells.Text(status, "state.waiting.reason") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (Cells.Text(status, "state.terminated.reason") is { Length: > 0 } terminated)
            {
                reason = terminated;
            }
            else if (Cells.At(status, "state.terminated") is { } t)
            {
                reason = Cells.Integer(t, "signal") != 0
                    ? string.Create(CultureInfo.InvariantCulture, $"Signal:{Cells.Integer(t, "signal")}")
                    : string.Create(CultureInfo.InvariantCulture, $"ExitCode:{Cells.Integer(t, "exitCode")}");
            }
            else if (Cells.At(status, "ready")?.ToString() == "true" && Cells.At(status, "state.running") is not null)
            {
                hasRunning = true;
            }
        }

        if (reason == "Completed" && hasRunning)
        {
            var podReady = Cells.Items(pod, "status.conditions").Any(c => Cells.Text(c, "type") == "Ready" && Cells.Text(c, "status") == "True");
            reason = podReady ? "Running" : "NotReady";
        }

        if (Cells.At(pod, "metadata.deletionTimestamp") is not null)
        {
            reason = Cells.Text(pod, "status.reason") == "NodeLost" ? "Unknown" : "Terminating";
        }

        return reason;
    }

    private static JsonNode? PodRestarts(JsonObject pod, DateTimeOffset now)
    {
        var statuses = Cells.Items(pod, "status.containerStatuses").ToList();
        var restarts = statuses.Sum(s => Cells.Integer(s, "restartCount"));
        var last = statuses.Select(s => Cells.Time(s, "lastState.terminated.finishedAt")).Where(t => t is not null).Max();
        return last is { } at && restarts > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({HumanDuration.Format(now - at)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
    }

    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Cells.Items(pod, "spec.readinessGates").Select(g => Cells.Text(g, "conditionType")).ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var trueCount = gates.Count(g => Cells.Items(pod, "status.conditions").Any(c => Cells.Text(c, "type") == g && Cells.Text(c, "status") == "True"));
        return string.Create(CultureInfo.InvariantCulture, $"{trueCount}/{gates.Count}");
    }
}
