namespace WindowsNodeOperator.Planning;

/// <summary>Why an instance refresh of the operator failed or rolled back; only <see cref="Ami"/> holds the AMI.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_StartInstanceRefresh.html (the reasons a refresh fails)</remarks>
internal enum RefreshFailureCause
{
    /// <summary>New instances of the AMI never became Ready nodes.</summary>
    Ami,

    /// <summary>The refresh waited for instances protected from scale in (ScaleInProtectedInstances Wait).</summary>
    ScaleInProtectedInstances,

    /// <summary>The refresh waited for instances in Standby (StandbyInstances Wait).</summary>
    StandbyInstances,

    /// <summary>EC2 could not launch instances (capacity, quotas, a missing instance profile): the group's scaling activities say.</summary>
    LaunchFailure,

    /// <summary>Nothing the operator can read names the cause; the refresh's status reason is reported as it is.</summary>
    Unknown,
}
