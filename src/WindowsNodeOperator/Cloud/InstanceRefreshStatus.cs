namespace WindowsNodeOperator.Cloud;

/// <summary>The service's refresh states; <see cref="Unknown"/> stands for one added after this was written.</summary>
internal enum InstanceRefreshStatus
{
    Unknown,
    Pending,
    InProgress,
    Successful,
    Failed,
    Cancelling,
    Cancelled,
    RollbackInProgress,
    RollbackFailed,
    RollbackSuccessful,
    Baking,
}
