namespace WindowsNodeOperator.Cloud;

/// <summary>
/// How Auto Scaling answered StartInstanceRefresh: started (with its id), a refresh already runs in the group, or AutoRollback
/// is impossible for the group.
/// </summary>
/// <param name="Message">AWS's words, for an answer that is not Started.</param>
internal sealed record RefreshStart(RefreshStartOutcome Outcome, string? RefreshId, string? Message = null)
{
    public static RefreshStart Started(string refreshId) => new(RefreshStartOutcome.Started, refreshId);

    public static RefreshStart AlreadyRunning { get; } = new(RefreshStartOutcome.AlreadyRunning, null);

    public static RefreshStart Irreversible(string message) => new(RefreshStartOutcome.Irreversible, null, message);
}
