using System.Collections.Concurrent;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// How long a pod on a refresh's new node has been seen not Ready, counted on the monotonic clock from the first look of
/// this process that found it so. The pod's own times (PodScheduled, creation) are the API server's clock, not the
/// operator's: read against the operator's wall clock, a skew or an NTP step forward of a few minutes would make fresh
/// pods look overdue and roll a sound AMI back. A restart starts the count again: the rollback comes up to
/// refresh.podReadyTimeout later, and meanwhile the old nodes' drains wait for the pods' budgets, so nothing is lost.
/// </summary>
internal sealed class PodWaitClock(TimeProvider time)
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);

    /// <summary>Time since <paramref name="pod"/> (its uid) was first seen not Ready; zero at the first look.</summary>
    public TimeSpan Waited(string pod)
    {
        var now = time.GetTimestamp();
        var seen = _seen.AddOrUpdate(pod, _ => new Seen(now, now), (_, s) => s with { Last = now });
        Prune(now);
        return time.GetElapsedTime(seen.First, now);
    }

    /// <summary>Drops pods not looked at for an hour (Ready since, deleted, or their refresh over).</summary>
    private void Prune(long now)
    {
        foreach (var (pod, seen) in _seen)
        {
            if (time.GetElapsedTime(seen.Last, now) > ForgetAfter)
            {
                _seen.TryRemove(pod, out _);
            }
        }
    }

    private sealed record Seen(long First, long Last);
}
