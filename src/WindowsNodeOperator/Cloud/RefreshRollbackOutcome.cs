namespace WindowsNodeOperator.Cloud;

internal enum RefreshRollbackOutcome
{
    RollingBack,

    /// <summary>AWS: <c>ActiveInstanceRefreshNotFound</c>. Already over: the next look reports how it ended.</summary>
    NoneActive,

    /// <summary>
    /// AWS: <c>IrreversibleInstanceRefresh</c>. The group cannot be rolled back (its launch template version is
    /// <c>$Latest</c> or <c>$Default</c>, an SSM parameter stands for the AMI, or the refresh has no desired configuration).
    /// https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html
    /// </summary>
    Irreversible,
}
