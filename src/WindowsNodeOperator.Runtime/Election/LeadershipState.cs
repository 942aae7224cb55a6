namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Terms of leadership as an elector reports them: each term has a token cancelled when it ends.</summary>
internal sealed class LeadershipState : ILeadership, IDisposable
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<CancellationToken> _leading = NewWaiter();
    private CancellationTokenSource? _term;

    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _term is not null;
            }
        }
    }

    public Task<CancellationToken> WaitForLeadershipAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            return _leading.Task.WaitAsync(ct);
        }
    }

    public void Started()
    {
        lock (_gate)
        {
            if (_term is not null)
            {
                return;
            }

            _term = new CancellationTokenSource();
            _leading.TrySetResult(_term.Token);
        }
    }

    public void Stopped()
    {
        CancellationTokenSource? ended;
        lock (_gate)
        {
            ended = _term;
            _term = null;
            if (_leading.Task.IsCompleted)
            {
                _leading = NewWaiter();
            }
        }

        // Cancelled outside the lock: work stopping on this token may ask for leadership again at once.
        if (ended is not null)
        {
            ended.Cancel();
            ended.Dispose();
        }
    }

    public void Dispose() => Stopped();

    private static TaskCompletionSource<CancellationToken> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
