namespace WindowsNodeOperator.Runtime.Election;

/// <summary>The elector the election service drives; a seam over <c>k8s.LeaderElection.LeaderElector</c>.</summary>
internal interface ILeaderElector
{
    event Action? StartedLeading;

    event Action? StoppedLeading;

    event Action<string>? NewLeader;

    /// <summary>A try to read, create or renew the lock failed (a 403 from missing RBAC, the API server unreachable).</summary>
    event Action<Exception>? Failed;

    /// <summary>Campaigns, leads, and campaigns again after losing, until cancelled.</summary>
    Task RunAsync(CancellationToken ct);
}
