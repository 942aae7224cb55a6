namespace WindowsNodeOperator.Planning;

/// <summary>The last instance refresh of a group that reached a final state.</summary>
internal sealed record FinishedRefreshFacts(
    string Id,
    string Status,
    string? TargetImageId,
    string? StatusReason,
    DateTimeOffset? FinishedAt)
{
    public bool FailedOrRolledBack => RefreshStatuses.IsFailure(Status);
}
