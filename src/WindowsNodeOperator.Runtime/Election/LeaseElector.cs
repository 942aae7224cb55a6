using k8s.LeaderElection;

namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Adapts KubernetesClient's <see cref="LeaderElector"/> (over any lock, a Lease in production).</summary>
internal sealed class LeaseElector : ILeaderElector, IDisposable
{
    private readonly LeaderElector _elector;

    public LeaseElector(ILock leaseLock, LeaderElectionOptions options)
    {
        _elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        _elector.OnStartedLeading += () => StartedLeading?.Invoke();
        _elector.OnStoppedLeading += () => StoppedLeading?.Invoke();
        _elector.OnNewLeader += leader => NewLeader?.Invoke(leader);
        _elector.OnError += e => Failed?.Invoke(e);
    }

    public event Action? StartedLeading;

    public event Action? StoppedLeading;

    public event Action<string>? NewLeader;

    public event Action<Exception>? Failed;

    public Task RunAsync(CancellationToken ct) => _elector.RunAndTryToHoldLeadershipForeverAsync(ct);

    public void Dispose() => _elector.Dispose();
}
