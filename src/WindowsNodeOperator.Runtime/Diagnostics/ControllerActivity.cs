using System.Collections.Concurrent;
using WindowsNodeOperator.Runtime.Queues;

namespace WindowsNodeOperator.Runtime.Diagnostics;

/// <summary>
/// Whether the running controllers have work: keys ready or being reconciled, and when the earliest delayed key
/// falls due. A probe (or a test stepping a fake clock) waits for <see cref="IsIdle"/> with <see cref="Changes"/> still.
/// </summary>
public sealed class ControllerActivity
{
    private readonly ConcurrentDictionary<object, IQueueState> _queues = new();
    private long _changes;

    /// <summary>No key is queued or being reconciled in any running controller.</summary>
    public bool IsIdle => _queues.Values.All(q => q.Count == 0 && q.InFlight == 0);

    /// <summary>Grows on every key added and every reconcile finished; unchanged between two looks means nothing moved.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>The earliest time a delayed key (a requeue or a backoff) becomes ready, if any is waiting.</summary>
    public DateTimeOffset? NextDue => _queues.Values.Select(q => q.NextDue).Where(d => d is not null).Min();

    /// <summary>Since when the oldest unfinished work of any running controller has been due (see <see cref="WorkQueue{TKey}.OldestUnfinished"/>).</summary>
    public DateTimeOffset? OldestUnfinished => _queues.Values.Select(q => q.OldestUnfinished).Where(d => d is not null).Min();

    internal void Touch() => Interlocked.Increment(ref _changes);

    internal IDisposable Track<TKey>(WorkQueue<TKey> queue)
        where TKey : class
    {
        var handle = new object();
        _queues[handle] = new QueueState<TKey>(queue);
        Touch();
        return new Untrack(() =>
        {
            _queues.TryRemove(handle, out _);
            Touch();
        });
    }

    private interface IQueueState
    {
        int Count { get; }

        int InFlight { get; }

        DateTimeOffset? NextDue { get; }

        DateTimeOffset? OldestUnfinished { get; }
    }

    private sealed class QueueState<TKey>(WorkQueue<TKey> queue) : IQueueState
        where TKey : class
    {
        public int Count => queue.Count;

        public int InFlight => queue.InFlight;

        public DateTimeOffset? NextDue => queue.NextDue;

        public DateTimeOffset? OldestUnfinished => queue.OldestUnfinished;
    }

    private sealed class Untrack(Action undo) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                undo();
            }
        }
    }
}
