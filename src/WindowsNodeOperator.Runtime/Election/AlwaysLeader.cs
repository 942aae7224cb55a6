namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Leadership for a single instance run without election: it leads from the start and forever.</summary>
internal sealed class AlwaysLeader : ILeadership
{
    public bool IsLeader => true;

    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken ct) => Task.FromResult(CancellationToken.None);
}
