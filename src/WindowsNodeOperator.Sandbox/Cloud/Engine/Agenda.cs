namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>Work due at a simulated time, run in time order (ties in the order scheduled).</summary>
internal sealed class Agenda
{
    private readonly PriorityQueue<Action<DateTimeOffset>, (DateTimeOffset At, long Seq)> _queue = new();
    private readonly HashSet<DateTimeOffset> _wakes = [];
    private long _seq;

    public DateTimeOffset? NextDue => _queue.TryPeek(out _, out var key) ? key.At : null;

    public void Schedule(DateTimeOffset at, Action<DateTimeOffset> work) => _queue.Enqueue(work, (at, _seq++));

    /// <summary>Makes sure the engine looks again at <paramref name="at"/> (a warm-up ends, a checkpoint delay passes).</summary>
    public void Wake(DateTimeOffset at)
    {
        if (_wakes.Add(at))
        {
            Schedule(at, t => _wakes.Remove(t));
        }
    }

    public bool TryTakeDue(DateTimeOffset now, out DateTimeOffset at, out Action<DateTimeOffset> work)
    {
        if (_queue.TryPeek(out var next, out var key) && key.At <= now)
        {
            _queue.Dequeue();
            (at, work) = (key.At, next);
            return true;
        }

        (at, work) = (default, static _ => { });
        return false;
    }
}
