namespace WindowsNodeOperator.Cloud;

/// <summary>How Auto Scaling answered CancelInstanceRefresh: cancelling (with the refresh's id), or none was active.</summary>
internal sealed record RefreshCancel(bool Cancelled, string? RefreshId)
{
    /// <summary>AWS: <c>ActiveInstanceRefreshNotFound</c>. Already over: the next look reports how it ended.</summary>
    public static RefreshCancel NoneActive { get; } = new(false, null);
}
