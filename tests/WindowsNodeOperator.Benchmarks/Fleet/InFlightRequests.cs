namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>Under the in-process operator's Kubernetes client: requests in flight and finished, watch streams aside (they never finish).</summary>
internal sealed class InFlightRequests : DelegatingHandler
{
    private int _inFlight;
    private long _finished;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>The operator's watch streams: whether each waits for the server, having handled all it read.</summary>
    public WatchReads Watches { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await Watches.TrackAsync(() => base.SendAsync(request, cancellationToken)).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
