using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Writes to a policy's metadata (finalizers, the ledger annotation) and reads the cluster's version.</summary>
internal interface IPolicyClient
{
    /// <summary>Merge patch of metadata.finalizers, guarded by the copy's resourceVersion; returns the updated policy.</summary>
    Task<WindowsNodePolicy> SetFinalizersAsync(WindowsNodePolicy policy, IReadOnlyList<string> finalizers, CancellationToken ct);

    /// <summary>Merge patch of the ledger annotation, guarded by the copy's resourceVersion; returns the updated policy.</summary>
    Task<WindowsNodePolicy> SetLedgerAsync(WindowsNodePolicy policy, PolicyLedger ledger, CancellationToken ct);

    /// <summary>The API server's Kubernetes version as <c>major.minor</c> (e.g. <c>1.31</c>).</summary>
    Task<string> GetKubernetesVersionAsync(CancellationToken ct);
}
