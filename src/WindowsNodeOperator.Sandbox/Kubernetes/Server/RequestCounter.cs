using System.Collections.Concurrent;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>
/// The requests the API server answered, by client (the User-Agent's first product token), verb and resource, as
/// kube-apiserver's <c>apiserver_request_total</c> counts them: verbs GET, LIST, WATCH, POST, PUT, PATCH, DELETE; the
/// resource is the plural with its subresource (<c>pods/eviction</c>), or the path of a non-resource URL (<c>/version</c>).
/// </summary>
public sealed class RequestCounter
{
    private readonly ConcurrentDictionary<RequestKind, long> _counts = new();

    public IReadOnlyDictionary<RequestKind, long> Snapshot() => new Dictionary<RequestKind, long>(_counts);

    public void Reset() => _counts.Clear();

    internal void Record(string? userAgent, string verb, string resource)
    {
        var client = string.IsNullOrWhiteSpace(userAgent) ? "unknown" : userAgent.Split('/', ' ')[0];
        _counts.AddOrUpdate(new RequestKind(client, verb, resource), 1, static (_, n) => n + 1);
    }
}

/// <summary>What <see cref="RequestCounter"/> counts by.</summary>
public sealed record RequestKind(string Client, string Verb, string Resource);
