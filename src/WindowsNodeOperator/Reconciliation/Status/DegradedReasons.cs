namespace WindowsNodeOperator.Reconciliation.Status;

/// <summary>The reasons of the Degraded condition: each names something a person has to look at.</summary>
internal static class DegradedReasons
{
    public const string AmiLookupFailed = nameof(AmiLookupFailed);
    public const string GroupNotFound = nameof(GroupNotFound);
    public const string GroupNotOwned = nameof(GroupNotOwned);
    public const string RefreshFailed = nameof(RefreshFailed);
    public const string RefreshBlocked = nameof(RefreshBlocked);
    public const string DrainBlocked = nameof(DrainBlocked);
    public const string DrainWouldBlock = nameof(DrainWouldBlock);
    public const string InvalidSpec = nameof(InvalidSpec);
    public const string AwsThrottled = nameof(AwsThrottled);
    public const string ManagedNodeGroup = nameof(ManagedNodeGroup);
    public const string UnsupportedMixedInstancesPolicy = nameof(UnsupportedMixedInstancesPolicy);
    public const string WindowsVersionMismatch = nameof(WindowsVersionMismatch);
    public const string WindowsVersionUnknown = nameof(WindowsVersionUnknown);
    public const string RollbackImageUnavailable = nameof(RollbackImageUnavailable);
    public const string AsExpected = nameof(AsExpected);
}
