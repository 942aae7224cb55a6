namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>The figures the summary prints, for a caller that wants them as values.</summary>
public sealed record ReplacementFigures(
    int Replaced,
    int Total,
    IReadOnlyList<GroupProgress> Groups,
    int DrainsFinished,
    NodeDrain? LongestDrain,
    BudgetHeadroom? LowestHeadroom,
    TimeSpan? TimeUntilReady,
    int RefreshesStarted,
    int RefreshesSucceeded,
    int RefreshesFailed,
    int RefreshesCancelled,
    int LifecycleActionsTimedOut = 0);
