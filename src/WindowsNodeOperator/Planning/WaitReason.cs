namespace WindowsNodeOperator.Planning;

/// <summary>Why a plan waits; also the reason of the status condition and of the event that reports it.</summary>
internal enum WaitReason
{
    Paused,
    DryRun,
    OutsideMaintenanceWindow,
    BudgetSpent,
    RefreshRunning,
    ProtectedNode,
    TooManyNotReady,
    ManagedNodeGroup,
    UnsupportedMixedInstancesPolicy,
    InvalidSpec,
    AmiUnknown,
    AmiSoaking,
    PreviousRefreshFailedForAmi,
    ScaleInProtectedOrStandby,
    WindowsVersionMismatch,
    WindowsVersionUnknown,

    /// <summary>Never planned: the policy is being deleted and its cleanup waits for the actions on its hooks.</summary>
    Deleting,
}
