namespace WindowsNodeOperator.Draining;

internal enum PendingReason
{
    /// <summary>Not evicted yet: an earlier shutdown tier is still on the node, or the drain is blocked by another pod.</summary>
    Waiting,

    /// <summary>The Eviction API answered 429: a PodDisruptionBudget allows no disruption now.</summary>
    BlockedByBudget,

    /// <summary>
    /// A PodDisruptionBudget refused the eviction and pods it covers are Pending, unschedulable: the pods already evicted
    /// found no room elsewhere (Too many pods, insufficient CPU or memory), so the budget will not allow more until capacity
    /// is added.
    /// </summary>
    BlockedByCapacity,

    /// <summary>The pod has emptyDir volumes and the policy does not allow deleting their data.</summary>
    EmptyDirData,

    /// <summary>Evicted or deleted, and still shutting down.</summary>
    Terminating,

    /// <summary>
    /// Terminating past the end of its grace period on a Ready node: its kubelet has not removed it (a container or its
    /// network that will not tear down, common on Windows hosts); only a delete with grace period 0 removes it.
    /// </summary>
    StuckTerminating,

    /// <summary>The eviction failed for another reason, or the API could not be reached; it is retried.</summary>
    EvictionFailed,
}
