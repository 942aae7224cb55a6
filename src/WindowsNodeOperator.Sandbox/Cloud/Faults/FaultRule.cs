namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>A fault switched on for an operation: a fraction of its calls fail, optionally only the next <c>Remaining</c> of them.</summary>
public sealed record FaultRule(FaultKind Kind, double Rate = 1.0, int? Remaining = null);
