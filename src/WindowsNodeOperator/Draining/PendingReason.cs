namespace WindowsNodeOperator.Draining;

internal enum PendingReason
{
    /// <summary>Not evicted yet: an earlier shutdown tier is still on the node, or the drain is blocked by another pod.</summary>
    Waiting,

    /// <summary>The Eviction API answered 429: a PodDisruptionBudget allows no disruption now.</summary>
    BlockedByBudget,

    /// <summary>The pod has emptyDir volumes and the policy does not allow deleting their data.</summary>
    EmptyDirData,

    /// <summary>Evicted or deleted, and still shutting down.</summary>
    Terminating,

    /// <summary>The eviction failed for another reason, or the API could not be reached; it is retried.</summary>
    EvictionFailed,
}
