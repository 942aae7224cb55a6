using WindowsNodeOperator.Api;
using k8s.Models;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Reads what the operator needs from Node and Pod objects.</summary>
internal static class NodeReading
{
    /// <summary>
    /// The EC2 instance id at the end of an <c>aws:///zone/i-...</c> providerID; null for none, or another cloud's
    /// (<c>gce://project/zone/i-1</c> names no EC2 instance, whatever its last segment).
    /// </summary>
    public static string? InstanceId(V1Node node)
    {
        var provider = node.Spec?.ProviderID;
        if (string.IsNullOrEmpty(provider) || !provider.StartsWith("aws://", StringComparison.Ordinal))
        {
            return null;
        }

        var id = provider[(provider.LastIndexOf('/') + 1)..];
        return id.StartsWith("i-", StringComparison.Ordinal) ? id : null;
    }

    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static bool IsDaemonSetPod(V1Pod pod) =>
        pod.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "DaemonSet") == true;

    public static bool DoNotDisrupt(V1Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(OperatorAnnotations.DoNotDisrupt, out var value) == true && value == OperatorAnnotations.True;

    public static string? CordonedBy(V1Node node) =>
        node.Metadata?.Annotations?.TryGetValue(OperatorAnnotations.CordonedBy, out var value) == true ? value : null;

    public static NodeFacts Facts(V1Node node, ISet<string> nodesWithDoNotDisruptPods) => new(
        node.Metadata.Name,
        new Dictionary<string, string>(node.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        IsReady(node),
        node.Spec?.Unschedulable == true,
        InstanceId(node),
        new Dictionary<string, string>(node.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        nodesWithDoNotDisruptPods.Contains(node.Metadata.Name),
        NotReadySince(node),
        node.Spec?.Taints?.Any(t => t.Key == Launch.LaunchReadiness.UninitializedTaint) == true,
        node.Spec?.ProviderID);

    /// <summary>
    /// For a node not Ready, when its Ready condition last changed (the node lifecycle controller sets it Unknown when the
    /// kubelet stops posting); null when Ready or when there is no such time.
    /// </summary>
    public static DateTimeOffset? NotReadySince(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is { } ready && ready.Status != "True"
            && ready.LastTransitionTime is { } at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null;
}
