using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The policy as this reconcile last wrote it, and its ledger. Every ledger change is written at once, before the
/// AWS call that depends on it, so a crash leaves a ledger that says at least as much as was done.
/// </summary>
internal sealed class PolicyContext(WindowsNodePolicy policy, IPolicyClient client)
{
    private readonly WindowsNodePolicyStatus? _status = policy.Status;

    public WindowsNodePolicy Policy { get; private set; } = policy;

    public PolicyLedger Ledger { get; private set; } = PolicyLedger.Read(policy.Metadata.Annotations);

    public string Name => Policy.Metadata.Name;

    public async Task SaveAsync(PolicyLedger ledger, CancellationToken ct)
    {
        if (ledger.SameAs(Ledger))
        {
            return;
        }

        var updated = await client.SetLedgerAsync(Policy, ledger, ct).ConfigureAwait(false);
        Policy = updated;
        Policy.Status ??= _status;
        Ledger = ledger;
    }

    public async Task SetFinalizersAsync(IReadOnlyList<string> finalizers, CancellationToken ct)
    {
        var updated = await client.SetFinalizersAsync(Policy, finalizers, ct).ConfigureAwait(false);
        Policy = updated;
        Policy.Status ??= _status;
    }
}
