using k8s.Models;

namespace WindowsNodeOperator.Cluster;

/// <summary>From KubernetesClient models to the records the ports speak.</summary>
internal static class ClusterMapping
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static ClusterNode ToNode(V1Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var ready = node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") ?? false;
        return new ClusterNode(
            node.Metadata.Name,
            Copy(node.Metadata.Labels),
            Copy(node.Metadata.Annotations),
            node.Metadata.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null,
            node.Spec?.ProviderID,
            node.Spec?.Unschedulable ?? false,
            ready);
    }

    public static ClusterPod ToPod(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var controller = pod.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
        var annotations = pod.Metadata.Annotations;
        return new ClusterPod(
            new PodKey(pod.Metadata.NamespaceProperty ?? "default", pod.Metadata.Name),
            pod.Metadata.Uid,
            pod.Status?.Phase,
            Copy(pod.Metadata.Labels),
            pod.Spec?.PriorityClassName,
            controller?.Kind,
            annotations?.ContainsKey(ClusterPod.MirrorAnnotation) ?? false,
            pod.Spec?.Volumes?.Any(v => v.EmptyDir is not null) ?? false,
            pod.Spec?.TerminationGracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            pod.Metadata.DeletionTimestamp is not null,
            pod.Metadata.DeletionTimestamp is { } deleting ? new DateTimeOffset(DateTime.SpecifyKind(deleting, DateTimeKind.Utc)) : null);
    }

    public static DisruptionBudgetInfo ToBudget(V1PodDisruptionBudget pdb)
    {
        ArgumentNullException.ThrowIfNull(pdb);
        var selector = pdb.Spec?.Selector is { } s
            ? new PodSelector(
                Copy(s.MatchLabels),
                (s.MatchExpressions ?? []).Select(e => new SelectorExpression(e.Key, e.OperatorProperty, [.. e.Values ?? []])).ToList())
            : null;
        return new DisruptionBudgetInfo(
            pdb.Metadata.NamespaceProperty, pdb.Metadata.Name, selector, pdb.Status?.DisruptionsAllowed ?? 0,
            pdb.Status is { } status && status.CurrentHealthy >= status.ExpectedPods);
    }

    private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? source) =>
        source is null ? Empty : new Dictionary<string, string>(source, StringComparer.Ordinal);
}
