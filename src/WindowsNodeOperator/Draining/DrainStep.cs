namespace WindowsNodeOperator.Draining;

/// <summary>What one drain step did and found: the outcome, the pods left and why, and whether it cordoned the node.</summary>
/// <param name="CordonedNow">This step cordoned the node (it was not cordoned before).</param>
/// <param name="Deadline">When the drain's timeout passes, counted from the cordon; null while the cordon failed.</param>
internal sealed record DrainStep(DrainOutcome Outcome, DrainProgress Progress, bool CordonedNow, DateTimeOffset? Deadline)
{
    public IReadOnlyList<PendingPod> Remaining => Progress.Remaining;

    public IReadOnlyList<string> BlockingBudgets => Progress.BlockingBudgets;

    /// <summary>The lifecycle action may complete: the node is empty, or what was left was deleted.</summary>
    public bool Finished => Outcome is DrainOutcome.Drained or DrainOutcome.Forced;
}
