namespace WindowsNodeOperator.Cloud;

/// <summary>How Auto Scaling answered StartInstanceRefresh: started (with its id), or a refresh already runs in the group.</summary>
internal sealed record RefreshStart(RefreshStartOutcome Outcome, string? RefreshId)
{
    public static RefreshStart Started(string refreshId) => new(RefreshStartOutcome.Started, refreshId);

    public static RefreshStart AlreadyRunning { get; } = new(RefreshStartOutcome.AlreadyRunning, null);
}
