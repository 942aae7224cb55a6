using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using k8s;

namespace WindowsNodeOperator.Runtime.Tests.Fakes;

/// <summary>
/// Answers the Kubernetes client in process: every request is recorded, and answered by the
/// responder the test set (canned JSON, or a <see cref="WatchStream"/> for watch requests).
/// </summary>
internal sealed class FakeApiServer : DelegatingHandler
{
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, HttpResponseMessage> Responder { get; set; } = _ => Json(HttpStatusCode.NotFound, """{"kind":"Status","code":404}""");

    public Kubernetes CreateClient() => new(new KubernetesClientConfiguration { Host = "http://api.test" }, this);

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>Waits (with a deadline) for the next request that matches.</summary>
    public async Task<RecordedRequest> NextRequestAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var request = await _arrivals.Reader.ReadAsync(cts.Token);
            if (match(request))
            {
                return request;
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType);
        Requests.Enqueue(recorded);
        var response = Responder(recorded);
        response.RequestMessage = request;
        _arrivals.Writer.TryWrite(recorded);
        return response;
    }
}
