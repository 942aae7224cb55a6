using System.Collections.Concurrent;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Sits under the operator's Kubernetes client: counts requests in flight and finished (watch streams aside, they
/// never finish), and keeps every write the operator sent, so a test can say what it did to the cluster.
/// </summary>
internal sealed class OperatorRequests : DelegatingHandler
{
    private readonly ConcurrentQueue<OperatorWrite> _writes = new();
    private int _inFlight;
    private long _finished;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Finished => Interlocked.Read(ref _finished);

    public IReadOnlyList<OperatorWrite> Writes => [.. _writes];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true;
        if (watch)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get)
            {
                _writes.Enqueue(new OperatorWrite(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode));
            }

            return response;
        }
        finally
        {
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
