namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Whether this instance may act now. Without leader election every instance always leads.</summary>
public interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>
    /// Completes once this instance leads; the returned token is cancelled when that term of
    /// leadership ends, so work started under it stops.
    /// </summary>
    Task<CancellationToken> WaitForLeadershipAsync(CancellationToken ct);
}
