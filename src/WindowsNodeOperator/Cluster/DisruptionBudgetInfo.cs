namespace WindowsNodeOperator.Cluster;

/// <summary>A PodDisruptionBudget as a drain sees it: which pods it covers and how many may go now.</summary>
/// <param name="AllHealthy">Its status counts every pod it expects as healthy (currentHealthy at least expectedPods).</param>
internal sealed record DisruptionBudgetInfo(string Namespace, string Name, PodSelector? Selector, int DisruptionsAllowed, bool AllHealthy = false)
{
    /// <summary>A policy/v1 budget with a null selector covers no pod; an empty one covers every pod of its namespace.</summary>
    public bool Covers(ClusterPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Key.Namespace == Namespace && Selector is not null && Selector.Matches(pod.Labels);
    }

    /// <summary>As <see cref="Covers(ClusterPod)"/>, for a pod known by its namespace and labels.</summary>
    public bool Covers(string ns, IReadOnlyDictionary<string, string> labels) =>
        ns == Namespace && Selector is not null && Selector.Matches(labels);

    public override string ToString() => $"{Namespace}/{Name}";
}
