namespace WindowsNodeOperator.Draining;

/// <summary>Where a drain stands: the pods still to leave and why, what this step removed, and the last Kubernetes API failure.</summary>
internal sealed record DrainProgress(string NodeName, bool Cordoned, IReadOnlyList<PendingPod> Remaining, int Evicted, string? LastApiError)
{
    /// <summary>The PodDisruptionBudgets (namespace/name) that refused an eviction of a remaining pod.</summary>
    public IReadOnlyList<string> BlockingBudgets =>
        Remaining.Where(p => p.DisruptionBudget is not null).Select(p => $"{p.Pod.Namespace}/{p.DisruptionBudget}").Distinct(StringComparer.Ordinal).ToList();
}
