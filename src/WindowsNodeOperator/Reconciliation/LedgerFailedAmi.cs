namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// An AMI the operator holds because a refresh to it failed for the AMI itself: the group and refresh it failed in, the
/// evidence (new instances that never became Ready nodes) and when it was recorded.
/// </summary>
internal sealed record LedgerFailedAmi(string ImageId, string Group, string? RefreshId, string Reason, DateTimeOffset FailedAt);
