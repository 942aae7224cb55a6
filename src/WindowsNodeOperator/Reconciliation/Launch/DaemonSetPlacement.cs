using System.Globalization;
using k8s.Models;

namespace WindowsNodeOperator.Reconciliation.Launch;

/// <summary>
/// Whether a DaemonSet should run a pod on a node, as the DaemonSet controller decides it: the pod template's node
/// selector and required node affinity match the node, and its tolerations cover the node's NoSchedule and NoExecute
/// taints. See https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#how-daemon-pods-are-scheduled.
/// </summary>
internal static class DaemonSetPlacement
{
    /// <summary>
    /// Tolerations the DaemonSet controller adds to every daemon pod, so a node's condition taints never keep them off
    /// (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations).
    /// </summary>
    private static readonly HashSet<string> AddedTolerations = new(StringComparer.Ordinal)
    {
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
        "node.kubernetes.io/disk-pressure",
        "node.kubernetes.io/memory-pressure",
        "node.kubernetes.io/pid-pressure",
        "node.kubernetes.io/unschedulable",
        "node.kubernetes.io/network-unavailable",
    };

    public static bool ShouldRunOn(V1DaemonSet daemonSet, V1Node node)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        ArgumentNullException.ThrowIfNull(node);
        var pod = daemonSet.Spec?.Template?.Spec;
        if (pod is null)
        {
            return false;
        }

        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        return SelectorMatches(pod.NodeSelector, labels)
            && AffinityMatches(pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, node, labels)
            && Tolerates(pod.Tolerations, node.Spec?.Taints);
    }

    private static bool SelectorMatches(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is null || selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    /// <summary>The terms are ORed; the expressions of a term are ANDed; no terms at all matches nothing.</summary>
    private static bool AffinityMatches(V1NodeSelector? required, V1Node node, IDictionary<string, string> labels)
    {
        if (required is null)
        {
            return true;
        }

        return required.NodeSelectorTerms?.Any(term =>
            (term.MatchExpressions is { Count: > 0 } || term.MatchFields is { Count: > 0 })
            && (term.MatchExpressions ?? []).All(e => ExpressionMatches(e, labels.TryGetValue(e.Key, out var v) ? v : null))
            && (term.MatchFields ?? []).All(e => ExpressionMatches(e, e.Key == "metadata.name" ? node.Metadata?.Name : null))) == true;
    }

    private static bool ExpressionMatches(V1NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.OperatorProperty switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => Compare(value, values) > 0,
            "Lt" => Compare(value, values) is < 0 and not int.MinValue,
            _ => false,
        };
    }

    /// <summary>Gt and Lt compare integers; anything unparsable does not match (int.MinValue).</summary>
    private static int Compare(string? value, IList<string> values) =>
        values.Count == 1
        && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
        && long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var right)
            ? left.CompareTo(right)
            : int.MinValue;

    private static bool Tolerates(IList<V1Toleration>? tolerations, IList<V1Taint>? taints) =>
        taints is null || taints
            .Where(t => t.Effect is "NoSchedule" or "NoExecute")
            .All(taint => AddedTolerations.Contains(taint.Key) || (tolerations ?? []).Any(t => Tolerates(t, taint)));

    private static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (string.IsNullOrEmpty(toleration.Key))
        {
            // An empty key with Exists tolerates every taint.
            return toleration.OperatorProperty == "Exists";
        }

        return toleration.Key == taint.Key
            && (toleration.OperatorProperty == "Exists" || (toleration.Value ?? string.Empty) == (taint.Value ?? string.Empty));
    }
}
