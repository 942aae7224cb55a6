namespace WindowsNodeOperator.Reconciliation;

/// <summary>Something wrong this reconcile found beyond the plan: the Degraded reason and its message.</summary>
internal sealed record Problem(string Reason, string Message);
