namespace WindowsNodeOperator.Cloud;

internal enum RefreshStartOutcome
{
    Started,

    /// <summary>AWS: <c>InstanceRefreshInProgress</c>. An answer (a lost reply of ours, or someone else's refresh), not a failure.</summary>
    AlreadyRunning,
}
