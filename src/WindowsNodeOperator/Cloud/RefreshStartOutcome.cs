namespace WindowsNodeOperator.Cloud;

internal enum RefreshStartOutcome
{
    Started,

    /// <summary>AWS: <c>InstanceRefreshInProgress</c>. An answer (a lost reply of ours, or someone else's refresh), not a failure.</summary>
    AlreadyRunning,

    /// <summary>
    /// AWS: <c>IrreversibleInstanceRefresh</c>, AutoRollback asked for a group AWS could not roll back to (its launch template
    /// version is <c>$Latest</c> or <c>$Default</c>, or its image comes from a Systems Manager parameter). Nothing started.
    /// </summary>
    Irreversible,
}
