using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>A pod the drain still waits for, and why.</summary>
internal sealed record PendingPod(PodKey Pod, PendingReason Reason, string? DisruptionBudget = null, string? Message = null)
{
    public override string ToString() => Reason switch
    {
        PendingReason.BlockedByBudget => $"{Pod} (blocked by PodDisruptionBudget {DisruptionBudget ?? "unknown"})",
        PendingReason.BlockedByCapacity => $"{Pod} (blocked by capacity: PodDisruptionBudget {DisruptionBudget} waits for pods the scheduler cannot place: {Message})",
        PendingReason.EmptyDirData => $"{Pod} (emptyDir data, deleteEmptyDirData is false)",
        PendingReason.EvictionFailed => $"{Pod} (eviction failed: {Message})",
        PendingReason.Terminating => $"{Pod} (terminating)",
        PendingReason.StuckTerminating => $"{Pod} (stuck terminating: {Message})",
        _ => $"{Pod} (waiting its turn)",
    };
}
