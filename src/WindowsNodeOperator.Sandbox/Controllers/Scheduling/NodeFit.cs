using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Scheduling;

/// <summary>
/// The scheduler's filters, kept to what the sandbox's workloads use: node selector, cordon, untolerated
/// NoSchedule/NoExecute taints, readiness and the node's pod capacity. A reason is the phrase kube-scheduler
/// puts in its "0/N nodes are available" message.
/// </summary>
internal static class NodeFit
{
    public const string SelectorMismatch = "node(s) didn't match Pod's node affinity/selector";
    public const string Cordoned = "node(s) were unschedulable";
    public const string TooManyPods = "Too many pods";

    /// <summary>Why the pod cannot go on the node, or null when it fits.</summary>
    public static string? Check(JsonObject pod, JsonObject node, int podsOnNode)
    {
        if (Meta.IsDeleting(node))
        {
            return "node(s) were being deleted";
        }

        if (!MatchesNodeSelector(pod["spec"], node))
        {
            return SelectorMismatch;
        }

        var tolerations = Tolerations.Of(pod["spec"]);
        if (NodeState.IsUnschedulable(node) && !tolerations.Any(t => Tolerations.Tolerates(t, UnschedulableTaint)))
        {
            return Cordoned;
        }

        if (Tolerations.FirstUntolerated(NodeState.Taints(node), tolerations) is { } taint)
        {
            return $"node(s) had untolerated taint {Tolerations.Describe(taint)}";
        }

        // A node that is not Ready carries a not-ready or unreachable taint in a real cluster; the message says so.
        if (!NodeState.IsReady(node))
        {
            var key = Conditions.Status(node, "Ready") == "False" ? "node.kubernetes.io/not-ready" : "node.kubernetes.io/unreachable";
            return $"node(s) had untolerated taint {{{key}: }}";
        }

        return podsOnNode >= NodeState.MaxPods(node) ? TooManyPods : null;
    }

    public static bool MatchesNodeSelector(JsonNode? podSpec, JsonObject node)
    {
        if (podSpec?["nodeSelector"] is not JsonObject selector)
        {
            return true;
        }

        var labels = Meta.Labels(node);
        return selector.All(p => labels.TryGetValue(p.Key, out var value) && p.Value is JsonValue v && v.TryGetValue<string>(out var wanted) && wanted == value);
    }

    /// <summary>The taint a cordoned node stands for (node.kubernetes.io/unschedulable:NoSchedule).</summary>
    public static JsonObject UnschedulableTaint { get; } = new() { ["key"] = "node.kubernetes.io/unschedulable", ["effect"] = "NoSchedule" };
}
