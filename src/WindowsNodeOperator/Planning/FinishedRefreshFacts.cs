namespace WindowsNodeOperator.Planning;

/// <summary>The last instance refresh of a group that reached a final state.</summary>
/// <param name="Cause">For a failed or rolled-back refresh, what it failed for; null when it did not fail or is not known.</param>
/// <param name="CauseMessage">The cause in words: the evidence, the status reason or the failed launch's message.</param>
internal sealed record FinishedRefreshFacts(
    string Id,
    string Status,
    string? TargetImageId,
    string? StatusReason,
    DateTimeOffset? FinishedAt,
    RefreshFailureCause? Cause = null,
    string? CauseMessage = null)
{
    public bool FailedOrRolledBack => RefreshStatuses.IsFailure(Status);

    /// <summary>It failed for something other than its AMI (a protected instance, an EC2 launch failure): the AMI is not held.</summary>
    public bool FailedForAnotherCause => FailedOrRolledBack && Cause is not null and not RefreshFailureCause.Ami;
}
