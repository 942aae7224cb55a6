using System.Collections.Concurrent;
using System.Net;
using WindowsNodeOperator.Sandbox.Calls;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Sits under one operator's AWS clients, in front of the simulated account: keeps every call (its time on the
/// sandbox clock, its action and its parameters), so a test can say what that operator asked of AWS and when.
/// </summary>
internal sealed class AwsRequests(TimeProvider time, IEnumerable<AwsCall>? earlier = null, KillSwitch? kill = null) : DelegatingHandler
{
    private readonly ConcurrentQueue<AwsCall> _calls = new(earlier ?? []);

    private int _inFlight;

    public IReadOnlyList<AwsCall> Calls => [.. _calls];

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var action = request.Headers.TryGetValues("X-Amz-Target", out var targets) ? targets.First() : null;
        // Only bodies already in memory are read here: a streamed one is left to the account behind.
        if (request.Content is ByteArrayContent or ReadOnlyMemoryContent && request.Content is { } content)
        {
            var body = await content.ReadAsStringAsync(cancellationToken);
            if (action is null)
            {
                foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var cut = pair.IndexOf('=', StringComparison.Ordinal);
                    if (cut > 0)
                    {
                        parameters[WebUtility.UrlDecode(pair[..cut])] = WebUtility.UrlDecode(pair[(cut + 1)..]);
                    }
                }

                action = parameters.GetValueOrDefault("Action");
            }
        }

        return kill is null
            ? await RecordAndSendAsync()
            : await kill.SendAsync(new WireCall("operator", request.Method.Method, request.RequestUri?.AbsolutePath ?? "/", action, parameters, Body: null), RecordAndSendAsync);

        async Task<HttpResponseMessage> RecordAndSendAsync()
        {
            _calls.Enqueue(new AwsCall(at, action ?? "unknown", parameters));
            Interlocked.Increment(ref _inFlight);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
