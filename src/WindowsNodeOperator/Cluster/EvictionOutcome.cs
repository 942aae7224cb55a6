namespace WindowsNodeOperator.Cluster;

internal enum EvictionOutcome
{
    Evicted,

    /// <summary>429: a PodDisruptionBudget allows no disruption now; try again later.</summary>
    Blocked,

    /// <summary>404: the pod is already gone.</summary>
    Gone,

    /// <summary>Any other refusal the server answered (say 500 for a pod covered by two budgets).</summary>
    Error,
}
