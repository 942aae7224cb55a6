namespace WindowsNodeOperator.Runtime.Reconciliation;

/// <summary>What a reconcile asks of the queue: nothing more, or another look after a delay.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => Requeue = requeueAfter;

    /// <summary>Delay before the next reconcile of the same key, or null when done.</summary>
    public TimeSpan? Requeue { get; }

    /// <summary>Nothing more to do until the object (or something mapped to it) changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>Reconcile the same key again after <paramref name="delay"/>.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new ReconcileResult(delay);
    }
}
