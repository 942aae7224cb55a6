namespace WindowsNodeOperator.Runtime.Reconciliation;

/// <summary>
/// Brings the world in line with the object named by a key. Level-based: the reconciler re-reads
/// current state; it never learns which change woke it.
/// </summary>
/// <typeparam name="T">The primary kind the controller watches.</typeparam>
public interface IReconciler<T>
{
    /// <summary>Reconciles one object. Throw to retry with backoff; throw <see cref="TerminalReconcileException"/> to stop retrying.</summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct);
}
