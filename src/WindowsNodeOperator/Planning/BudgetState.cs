namespace WindowsNodeOperator.Planning;

/// <summary>The policy-wide disruption budget at the snapshot's instant.</summary>
/// <param name="MaxUnavailable">maxUnavailable resolved against the selected nodes.</param>
/// <param name="Unavailable">Nodes and instances out now, plus what running refreshes may still take.</param>
/// <param name="NotReady">Selected nodes whose Ready condition is not True.</param>
internal sealed record BudgetState(int MaxUnavailable, int Unavailable, int NotReady)
{
    public int Left => Math.Max(0, MaxUnavailable - Unavailable);
}
