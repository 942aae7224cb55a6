namespace WindowsNodeOperator.Cloud;

/// <summary>How Auto Scaling answered RollbackInstanceRefresh: rolling back (with the refresh's id), none active, or refused.</summary>
internal sealed record RefreshRollback(RefreshRollbackOutcome Outcome, string? RefreshId)
{
    public static RefreshRollback NoneActive { get; } = new(RefreshRollbackOutcome.NoneActive, null);

    public static RefreshRollback Irreversible { get; } = new(RefreshRollbackOutcome.Irreversible, null);

    public static RefreshRollback RollingBack(string refreshId) => new(RefreshRollbackOutcome.RollingBack, refreshId);
}
