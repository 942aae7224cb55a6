namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The status of an instance refresh.</summary>
public enum InstanceRefreshStatus
{
    Pending,
    InProgress,
    Successful,
    Failed,
    Cancelling,
    Cancelled,
    RollbackInProgress,
    RollbackSuccessful,
    RollbackFailed,

    /// <summary>Every instance replaced; waiting the bake time before the refresh is complete.</summary>
    Baking,
}
