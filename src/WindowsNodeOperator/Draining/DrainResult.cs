namespace WindowsNodeOperator.Draining;

/// <summary>How a drain ended; for TimedOut (and a Forced drain whose pods outlived the wait) the pods left and what holds them.</summary>
internal sealed record DrainResult(DrainOutcome Outcome, DrainProgress Progress)
{
    public IReadOnlyList<PendingPod> Remaining => Progress.Remaining;

    public IReadOnlyList<string> BlockingBudgets => Progress.BlockingBudgets;
}
