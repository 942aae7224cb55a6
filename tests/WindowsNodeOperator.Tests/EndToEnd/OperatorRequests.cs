using System.Collections.Concurrent;
using WindowsNodeOperator.Benchmarks.Fleet;
using WindowsNodeOperator.Sandbox.Calls;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Sits under the operator's Kubernetes client (a fresh <see cref="CreateHandler"/> for each operator started, since a
/// client claims its handler): counts requests in flight and finished (watch streams aside, they never finish), and
/// keeps every write the operator sent, with its time, so a test can say what it did to the cluster and when.
/// </summary>
internal sealed class OperatorRequests(TimeProvider time)
{
    private readonly ConcurrentQueue<OperatorWrite> _writes = new();
    private readonly ConcurrentQueue<string> _reads = new();
    private int _inFlight;
    private long _finished;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The operator's watch streams: whether each waits for the server, having handled all it read.</summary>
    public WatchReads Watches { get; } = new();

    public long Finished => Interlocked.Read(ref _finished);

    public IReadOnlyList<OperatorWrite> Writes => [.. _writes];

    /// <summary>Every GET (lists, gets and watches), as <c>path?query</c> with the query unescaped.</summary>
    public IReadOnlyList<string> Reads => [.. _reads];

    /// <summary>Requests this says yes to fail as a dropped connection would, unsent and unrecorded (a partition).</summary>
    public Func<HttpRequestMessage, bool>? Refuse { get; set; }

    /// <summary>Faults to inject on the wire (watches cut, 409s, 429s, 500s), or null for none.</summary>
    public KubeFaults? Faults { get; set; }

    /// <summary>A handler for one operator's client; <paramref name="kill"/>, if given, can kill that operator at a request.</summary>
    public DelegatingHandler CreateHandler(KillSwitch? kill = null) => new Recording(this, kill) { InnerHandler = new HttpClientHandler() };

    private async Task<HttpResponseMessage> TrackAsync(HttpRequestMessage request, Func<Task<HttpResponseMessage>> send)
    {
        if (Refuse?.Invoke(request) == true)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "refused by the test (a partition)");
        }

        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true;
        if (Faults is { } faults)
        {
            if (watch)
            {
                var inner = send;
                send = () => faults.WatchAsync(request, inner);
            }
            else if (faults.Answer(request) is { } answer)
            {
                // Answered by the fault layer: the request never reached the server, but the operator saw this answer.
                _writes.Enqueue(new OperatorWrite(request.Method.Method, request.RequestUri!.AbsolutePath, (int)answer.StatusCode, time.GetUtcNow()));
                Interlocked.Increment(ref _finished);
                return answer;
            }
        }

        if (request.Method == HttpMethod.Get)
        {
            _reads.Enqueue(Uri.UnescapeDataString(request.RequestUri!.PathAndQuery));
        }

        if (watch)
        {
            return await Watches.TrackAsync(send);
        }

        Interlocked.Increment(ref _inFlight);
        try
        {
            var at = time.GetUtcNow();
            var response = await send();
            if (request.Method != HttpMethod.Get)
            {
                _writes.Enqueue(new OperatorWrite(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, at));
            }

            return response;
        }
        finally
        {
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private sealed class Recording(OperatorRequests owner, KillSwitch? kill) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (kill is null)
            {
                return await owner.TrackAsync(request, () => base.SendAsync(request, cancellationToken));
            }

            // Outside the recording: a request killed before it is sent never happened; one killed after its answer did.
            var body = request.Content is { } content ? await content.ReadAsStringAsync(cancellationToken) : null;
            var call = new WireCall("operator", request.Method.Method, request.RequestUri!.AbsolutePath, Action: null, new Dictionary<string, string>(), body);
            return await kill.SendAsync(call, () => owner.TrackAsync(request, () => base.SendAsync(request, cancellationToken)));
        }
    }
}
