namespace WindowsNodeOperator.Reconciliation.Status;

/// <summary>The reasons of the Events the operator records on policies and nodes.</summary>
internal static class EventReasons
{
    public const string NodeExpired = nameof(NodeExpired);
    public const string AmiDrift = nameof(AmiDrift);
    public const string LaunchTemplateUpdated = nameof(LaunchTemplateUpdated);
    public const string InstanceRefreshStarted = nameof(InstanceRefreshStarted);
    public const string AutoRollbackUnavailable = nameof(AutoRollbackUnavailable);
    public const string RollbackImageUnavailable = nameof(RollbackImageUnavailable);
    public const string NodeCordoned = nameof(NodeCordoned);
    public const string NodeDrained = nameof(NodeDrained);
    public const string DrainBlocked = nameof(DrainBlocked);
    public const string DrainWouldBlock = nameof(DrainWouldBlock);
    public const string InstanceRefreshSucceeded = nameof(InstanceRefreshSucceeded);
    public const string InstanceRefreshFailed = nameof(InstanceRefreshFailed);
    public const string AmiFailed = nameof(AmiFailed);
    public const string WaitingForMaintenanceWindow = nameof(WaitingForMaintenanceWindow);
    public const string UnsupportedMixedInstancesPolicy = nameof(UnsupportedMixedInstancesPolicy);
    public const string NodeUnmatched = nameof(NodeUnmatched);
}
