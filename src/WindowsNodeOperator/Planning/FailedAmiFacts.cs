namespace WindowsNodeOperator.Planning;

/// <summary>
/// An AMI the operator holds back: a refresh to it failed and the evidence was about the AMI itself (its new instances
/// never became Ready nodes). Read from the policy's ledger, so it outlives AWS's six weeks of refresh history.
/// </summary>
/// <param name="Group">The group whose refresh failed; the hold applies to every group of the policy.</param>
/// <param name="Reason">The evidence, as recorded when the AMI was held.</param>
internal sealed record FailedAmiFacts(string ImageId, string Group, string? RefreshId, string Reason, DateTimeOffset FailedAt);
