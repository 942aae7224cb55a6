namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// A refresh the operator started: its group, the AMI it rolls out and when it began; once a look has seen it finish,
/// how it ended (so it is never described again) and, when it failed, what it failed for.
/// </summary>
/// <param name="Cause">A <see cref="Planning.RefreshFailureCause"/> name, for a failed or rolled-back refresh.</param>
/// <param name="AutoRollbackRefused">
/// AWS's answer when it refused AutoRollback for the group and the refresh was started without it: AWS will not roll this
/// refresh back (automatically or on request), so the operator's own rollback cancels it and restores the previous template.
/// </param>
internal sealed record LedgerRefresh(
    string Group,
    string ImageId,
    DateTimeOffset StartedAt,
    string? Status = null,
    string? StatusReason = null,
    DateTimeOffset? FinishedAt = null,
    string? Cause = null,
    string? CauseMessage = null,
    string? AutoRollbackRefused = null)
{
    public bool Finished => Status is not null;
}
