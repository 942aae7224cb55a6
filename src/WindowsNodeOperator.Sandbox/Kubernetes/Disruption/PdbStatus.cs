namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>
/// The numbers the disruption controller writes to a PodDisruptionBudget's status. <see cref="SyncError"/> is set
/// when the budget could not be computed (the controller then fails safe with no disruption allowed).
/// </summary>
public sealed record PdbStatus(
    int ExpectedPods,
    int CurrentHealthy,
    int DesiredHealthy,
    int DisruptionsAllowed,
    IReadOnlyDictionary<string, DateTimeOffset>? DisruptedPods = null,
    string? SyncError = null);
