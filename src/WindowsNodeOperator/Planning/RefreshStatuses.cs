namespace WindowsNodeOperator.Planning;

/// <summary>Instance refresh statuses as AWS reports them.</summary>
/// <remarks>https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_InstanceRefresh.html</remarks>
internal static class RefreshStatuses
{
    public const string Pending = "Pending";
    public const string InProgress = "InProgress";
    public const string Baking = "Baking";
    public const string Successful = "Successful";
    public const string Failed = "Failed";
    public const string Cancelling = "Cancelling";
    public const string Cancelled = "Cancelled";
    public const string RollbackInProgress = "RollbackInProgress";
    public const string RollbackFailed = "RollbackFailed";
    public const string RollbackSuccessful = "RollbackSuccessful";

    /// <summary>A refresh in one of these may still be cancelled; Cancelling and RollbackInProgress are on their way out already.</summary>
    public static bool IsCancellable(string status) => status is Pending or InProgress or Baking;

    /// <summary>The AMI the refresh rolled out did not make it; a user's or our own cancel is not a failure.</summary>
    public static bool IsFailure(string status) => status is Failed or RollbackFailed or RollbackSuccessful;
}
