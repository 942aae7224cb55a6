using System.Runtime.ExceptionServices;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>The state of one drain call: what was done to each pod, and the progress the heartbeat reports.</summary>
internal sealed class DrainRun(string nodeName, DrainOptions options)
{
    private readonly Dictionary<PodKey, PodAttempts> _attempts = [];
    private volatile DrainProgress _progress = new(nodeName, false, [], 0, null);

    public string NodeName { get; } = nodeName;

    public DrainOptions Options { get; } = options;

    public bool Cordoned { get; set; }

    public int Evicted { get; set; }

    public int ForceDeleted { get; set; }

    public ExceptionDispatchInfo? HeartbeatFailure { get; set; }

    public string? LastApiError { get; private set; }

    public DrainProgress Progress => _progress;

    public PodAttempts For(ClusterPod pod)
    {
        if (!_attempts.TryGetValue(pod.Key, out var attempts) || attempts.Uid != pod.Uid)
        {
            attempts = new PodAttempts(pod.Uid);
            _attempts[pod.Key] = attempts;
        }

        return attempts;
    }

    public void ApiFailed(ClusterApiException error)
    {
        LastApiError = error.Message;
        _progress = _progress with { LastApiError = LastApiError, Cordoned = Cordoned };
    }

    /// <summary>Records a fresh view of the pods that must leave; a successful list clears the last API error.</summary>
    public void Observe(IReadOnlyList<ClusterPod> mustLeave, IReadOnlySet<PodKey> blockedByEmptyDir)
    {
        LastApiError = null;
        var remaining = mustLeave.Select(p => Pending(p, blockedByEmptyDir)).ToList();
        foreach (var gone in _attempts.Keys.Except(mustLeave.Select(p => p.Key)).ToList())
        {
            _attempts.Remove(gone);
        }

        _progress = new DrainProgress(NodeName, Cordoned, remaining, Evicted, null);
    }

    /// <summary>The earliest retry of a refused eviction still ahead, so the drain wakes for it.</summary>
    public DateTimeOffset? NextRetryAfter(DateTimeOffset now) =>
        _attempts.Values.Where(a => !a.Removed && a.Failures > 0 && a.NextAttemptAt > now).Select(a => (DateTimeOffset?)a.NextAttemptAt).Min();

    public void Refresh() => _progress = _progress with { Cordoned = Cordoned, Evicted = Evicted, LastApiError = LastApiError };

    private PendingPod Pending(ClusterPod pod, IReadOnlySet<PodKey> blockedByEmptyDir)
    {
        var attempts = For(pod);
        if (pod.IsTerminating || attempts.Removed)
        {
            return new PendingPod(pod.Key, PendingReason.Terminating);
        }

        if (blockedByEmptyDir.Contains(pod.Key))
        {
            return new PendingPod(pod.Key, PendingReason.EmptyDirData);
        }

        if (attempts.LastRefusal is { Outcome: EvictionOutcome.Blocked } blocked)
        {
            return new PendingPod(pod.Key, PendingReason.BlockedByBudget, blocked.DisruptionBudget, blocked.Message);
        }

        if (attempts.LastRefusal is { } refusal)
        {
            return new PendingPod(pod.Key, PendingReason.EvictionFailed, Message: $"{refusal.StatusCode} {refusal.Message}");
        }

        return attempts.LastError is { } error
            ? new PendingPod(pod.Key, PendingReason.EvictionFailed, Message: error)
            : new PendingPod(pod.Key, PendingReason.Waiting);
    }
}
