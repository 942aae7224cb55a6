namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>A PodDisruptionBudget's headroom (currentHealthy - desiredHealthy) at one moment.</summary>
public sealed record BudgetHeadroom(string Namespace, string Name, long Headroom, DateTimeOffset At);
