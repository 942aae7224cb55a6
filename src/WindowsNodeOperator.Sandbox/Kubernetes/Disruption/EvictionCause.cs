namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>One entry of a Status's <c>details.causes</c>; <paramref name="Reason"/> is the cause type, such as DisruptionBudget.</summary>
public sealed record EvictionCause(string? Reason, string Message);
