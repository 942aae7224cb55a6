using System.Collections.Concurrent;

namespace WindowsNodeOperator.Tests.Cluster;

/// <summary>Sits under a Kubernetes client and keeps every request it sends, as <c>METHOD path?query</c> (query unescaped).</summary>
internal sealed class RecordedRequests : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _sent = new();

    public IReadOnlyList<string> Sent => [.. _sent];

    public void Clear() => _sent.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue($"{request.Method.Method} {Uri.UnescapeDataString(request.RequestUri!.PathAndQuery)}");
        return base.SendAsync(request, cancellationToken);
    }
}
