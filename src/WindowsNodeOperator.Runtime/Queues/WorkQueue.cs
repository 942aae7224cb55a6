namespace WindowsNodeOperator.Runtime.Queues;

/// <summary>
/// A keyed work queue in the manner of client-go's: a key queued twice is processed once, a key is
/// never handed to two workers at once (re-added while processing, it is queued again after
/// <see cref="Done"/>), delayed adds keep the earliest due time, and failed keys come back with
/// per-key exponential backoff under an overall token bucket. Delays and ages are measured on the monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>), which an NTP step of the wall clock does not move: a requeue after 30 s comes
/// 30 s later even if the wall clock is set back a day meanwhile. What the queue reports is read on the wall clock as it
/// reads now.
/// </summary>
internal sealed class WorkQueue<TKey> : IDisposable
    where TKey : class
{
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];
    private readonly Dictionary<TKey, TimeSpan> _waiting = [];
    private readonly Dictionary<TKey, TimeSpan> _readySince = [];
    private readonly Dictionary<TKey, TimeSpan> _startedAt = [];
    private readonly LinkedList<TaskCompletionSource<TKey?>> _getters = new();
    private readonly ExponentialBackoff<TKey> _backoff;
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly long _origin;
    private bool _shuttingDown;

    public WorkQueue(TimeProvider time, WorkQueueOptions? options = null)
    {
        options ??= new WorkQueueOptions();
        _time = time;
        _origin = time.GetTimestamp();
        _backoff = new ExponentialBackoff<TKey>(options.BaseDelay, options.MaxDelay);
        _bucket = new TokenBucket(options.RequeuesPerSecond, options.Burst, time);
        _timer = time.CreateTimer(_ => PromoteDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys ready to be handed out (not counting delayed or in-flight keys).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys handed to a worker and not yet <see cref="Done"/>.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _processing.Count;
            }
        }
    }

    /// <summary>
    /// Since when the oldest unfinished work has been due: a key ready but not yet handed out, a key being reconciled,
    /// or a delayed key past its due time. Null when there is none. A controller that makes progress keeps it recent;
    /// an old value means workers that stopped taking keys, a reconcile that never returns, or a timer that never fired.
    /// </summary>
    public DateTimeOffset? OldestUnfinished
    {
        get
        {
            lock (_gate)
            {
                var now = Now;
                var oldest = _readySince.Values.Concat(_startedAt.Values).Concat(_waiting.Values.Where(due => due <= now))
                    .Select(t => (TimeSpan?)t).Min();
                return oldest is { } at ? OnWallClock(at) : null;
            }
        }
    }

    /// <summary>When the earliest delayed key becomes ready, if any is waiting.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count == 0 ? null : OnWallClock(_waiting.Values.Min());
            }
        }
    }

    public bool IsShutDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    public void Add(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>Adds the key once <paramref name="delay"/> has passed; if it is already waiting, the earlier time wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddAfterLocked(key, delay);
        }
    }

    /// <summary>Adds the key after its backoff: exponential per key, and no faster than the overall bucket allows.</summary>
    public void AddRateLimited(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var perKey = _backoff.Next(key);
            var overall = _bucket.Reserve();
            AddAfterLocked(key, perKey > overall ? perKey : overall);
        }
    }

    /// <summary>Resets the key's backoff (call after a success).</summary>
    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _backoff.Forget(key);
        }
    }

    public int Requeues(TKey key)
    {
        lock (_gate)
        {
            return _backoff.Failures(key);
        }
    }

    /// <summary>Waits for the next key; returns null once the queue is shut down.</summary>
    public Task<TKey?> GetAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return Task.FromResult<TKey?>(null);
            }

            if (_queue.Count > 0)
            {
                return Task.FromResult<TKey?>(TakeLocked());
            }

            var getter = new TaskCompletionSource<TKey?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var node = _getters.AddLast(getter);
            if (ct.CanBeCanceled)
            {
                var registration = ct.Register(() =>
                {
                    lock (_gate)
                    {
                        if (getter.TrySetCanceled(ct))
                        {
                            _getters.Remove(node);
                        }
                    }
                });
                _ = getter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return getter.Task;
        }
    }

    /// <summary>Marks the key processed; if it was added meanwhile, it is queued again now.</summary>
    public void Done(TKey key)
    {
        lock (_gate)
        {
            _processing.Remove(key);
            _startedAt.Remove(key);
            if (_dirty.Contains(key) && !_shuttingDown)
            {
                EnqueueLocked(key);
            }
        }
    }

    /// <summary>Stops handing out keys: waiting and future <see cref="GetAsync"/> calls return null.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shuttingDown = true;
            _waiting.Clear();
            _readySince.Clear();
            _startedAt.Clear();
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            foreach (var getter in _getters)
            {
                getter.TrySetResult(null);
            }

            _getters.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
    }

    /// <summary>Monotonic time since the queue was made: what due times and ages are kept in.</summary>
    private TimeSpan Now => _time.GetElapsedTime(_origin);

    /// <summary>A monotonic instant as the wall clock reads it now (a step of the wall clock moves it along).</summary>
    private DateTimeOffset OnWallClock(TimeSpan at) => _time.GetUtcNow() + (at - Now);

    /// <param name="dueSince">When the key fell due, if before now (a delayed key promoted late); else now.</param>
    private void AddLocked(TKey key, TimeSpan? dueSince = null)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        if (_processing.Contains(key))
        {
            // Queued again by Done, so one worker at a time sees the key.
            return;
        }

        EnqueueLocked(key, dueSince);
    }

    private void EnqueueLocked(TKey key, TimeSpan? dueSince = null)
    {
        _queue.Enqueue(key);
        _readySince[key] = dueSince ?? Now;
        DispatchLocked();
    }

    private void AddAfterLocked(TKey key, TimeSpan delay)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            _waiting.Remove(key);
            AddLocked(key);
            return;
        }

        var due = Now + delay;
        if (_waiting.TryGetValue(key, out var existing) && existing <= due)
        {
            return;
        }

        _waiting[key] = due;
        ArmTimerLocked();
    }

    private void PromoteDue()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = Now;
            foreach (var (key, due) in _waiting.ToList())
            {
                if (due <= now)
                {
                    _waiting.Remove(key);
                    AddLocked(key, due);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        if (_waiting.Count == 0)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // A timer cannot be set further out than about 49.7 days (Timer.Change throws): a later due time (a node that
        // expires in months) is reached in steps, the timer re-armed each time it fires.
        var next = _waiting.Values.Min() - Now;
        _timer.Change(next <= TimeSpan.Zero ? TimeSpan.Zero : next > LongestTimer ? LongestTimer : next, Timeout.InfiniteTimeSpan);
    }

    private void DispatchLocked()
    {
        while (_queue.Count > 0 && _getters.First is { } node)
        {
            _getters.RemoveFirst();
            var key = _queue.Peek();
            if (node.Value.TrySetResult(key))
            {
                TakeLocked();
            }
        }
    }

    private TKey TakeLocked()
    {
        var key = _queue.Dequeue();
        _dirty.Remove(key);
        _processing.Add(key);
        _readySince.Remove(key);
        _startedAt[key] = Now;
        return key;
    }
}
