namespace WindowsNodeOperator.Reconciliation.Termination;

/// <summary>What this look's termination step found: the nodes still draining, and the instances waiting for budget.</summary>
internal sealed record TerminationReport(IReadOnlyList<string> DrainingNodes, int WaitingForBudget);
