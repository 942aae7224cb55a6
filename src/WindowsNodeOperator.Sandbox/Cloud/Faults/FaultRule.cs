namespace WindowsNodeOperator.Sandbox.Cloud.Faults;

/// <summary>
/// A fault switched on for an operation: a fraction of its calls fail, optionally only the next <c>Remaining</c> of them,
/// each with <c>Kind</c> or, when <c>Among</c> is given, with one of those drawn evenly.
/// </summary>
public sealed record FaultRule(FaultKind Kind, double Rate = 1.0, int? Remaining = null, IReadOnlyList<FaultKind>? Among = null);
