namespace WindowsNodeOperator.Reconciliation;

/// <summary>What driving the lifecycle hooks found this reconcile.</summary>
internal sealed record HookReport(IReadOnlyList<string> DrainingNodes, int WaitingForBudget, int PendingLaunches)
{
    public static HookReport None { get; } = new([], 0, 0);

    public int Draining => DrainingNodes.Count;

    /// <summary>Drains or held launches under way: look again soon.</summary>
    public bool Busy => Draining > 0 || WaitingForBudget > 0 || PendingLaunches > 0;
}
