using System.Collections.Concurrent;

namespace WindowsNodeOperator.Draining;

/// <summary>
/// How long a drain has run. Its start is the cordon's time written on the Node, a reading of the wall clock, so that a
/// restarted operator carries on counting; within one process the count goes on from the first look on the monotonic
/// clock, which an NTP step of the wall clock does not move. A step forward mid-drain therefore does not time a drain
/// out early (with <c>onTimeout: Force</c>, deleting pods a budget protects), and a step back does not hold it longer.
/// </summary>
internal sealed class DrainClock(TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Node, DateTimeOffset Since), Anchor> _anchors = new();

    /// <summary>The time since <paramref name="since"/>, the start of <paramref name="node"/>'s drain; never negative.</summary>
    public TimeSpan Elapsed(string node, DateTimeOffset since)
    {
        // 1. The first look reads the wall clock (all a new process has); a start in the future (a clock set back since,
        //    or another replica's clock ahead) counts as just begun.
        var anchor = _anchors.GetOrAdd((node, since), _ =>
        {
            var elapsed = time.GetUtcNow() - since;
            return new Anchor(elapsed > TimeSpan.Zero ? elapsed : TimeSpan.Zero, time.GetTimestamp());
        });

        // 2. Every later look adds monotonic time.
        return anchor.AtFirstLook + time.GetElapsedTime(anchor.Timestamp);
    }

    /// <summary>Drops what is kept for <paramref name="node"/>'s drains, once one has ended.</summary>
    public void Forget(string node)
    {
        foreach (var key in _anchors.Keys.Where(k => k.Node == node))
        {
            _anchors.TryRemove(key, out _);
        }
    }

    private sealed record Anchor(TimeSpan AtFirstLook, long Timestamp);
}
