namespace WindowsNodeOperator.Cloud;

/// <summary>What a refresh status means, said once.</summary>
internal static class InstanceRefreshStatuses
{
    /// <summary>The refresh reached a final state: it will not change again.</summary>
    public static bool IsFinished(this InstanceRefreshStatus status) => status is InstanceRefreshStatus.Successful
        or InstanceRefreshStatus.Failed
        or InstanceRefreshStatus.Cancelled
        or InstanceRefreshStatus.RollbackFailed
        or InstanceRefreshStatus.RollbackSuccessful;
}
