using k8s.Models;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Which Node updates can change a policy's plan: labels, annotations (cordon and do-not-disrupt marks), taints,
/// <c>spec.unschedulable</c>, <c>spec.providerID</c> and the Ready condition's status. A kubelet's heartbeat
/// (<c>lastHeartbeatTime</c> every 10 s to 5 min), images, allocatable and other status do not, so 5,000 kubelets
/// reporting wake no policy; nor does the operator's own record of a lifecycle heartbeat.
/// </summary>
internal static class NodeChanges
{
    /// <summary>
    /// What the Node cache need not keep: the images the kubelet reports (up to 50 a node, often the largest part of a
    /// Windows node's status), which nothing here reads. Nodes are cached for the process's life, one per Windows node.
    /// </summary>
    public static void TrimForCache(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Status?.Images = null;
    }

    public static bool CanChangePlan(V1Node? old, V1Node current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (old is null)
        {
            return true;
        }

        return !SameMap(old.Metadata?.Labels, current.Metadata?.Labels)
            || !SameMap(WithoutHeartbeat(old.Metadata?.Annotations), WithoutHeartbeat(current.Metadata?.Annotations))
            || (old.Spec?.Unschedulable == true) != (current.Spec?.Unschedulable == true)
            || !string.Equals(old.Spec?.ProviderID, current.Spec?.ProviderID, StringComparison.Ordinal)
            || !string.Equals(ReadyStatus(old), ReadyStatus(current), StringComparison.Ordinal)
            || !SameTaints(old.Spec?.Taints, current.Spec?.Taints);
    }

    private static Dictionary<string, string>? WithoutHeartbeat(IDictionary<string, string>? annotations) =>
        annotations?.Where(a => a.Key != OperatorAnnotations.HeartbeatAt).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    private static string? ReadyStatus(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status;

    private static bool SameMap(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        var left = a ?? new Dictionary<string, string>();
        var right = b ?? new Dictionary<string, string>();
        return left.Count == right.Count
            && left.All(pair => right.TryGetValue(pair.Key, out var value) && string.Equals(pair.Value, value, StringComparison.Ordinal));
    }

    private static bool SameTaints(IList<V1Taint>? a, IList<V1Taint>? b)
    {
        var left = a ?? [];
        var right = b ?? [];
        return left.Count == right.Count
            && left.Zip(right).All(p => p.First.Key == p.Second.Key && p.First.Value == p.Second.Value && p.First.Effect == p.Second.Effect);
    }
}
