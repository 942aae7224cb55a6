using Amazon.Runtime;

namespace WindowsNodeOperator.Aws;

/// <summary>Gives the SDK clients an <see cref="HttpClient"/> over the configured transport, which outlives them.</summary>
internal sealed class TransportHttpClientFactory(HttpMessageHandler transport) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(transport, disposeHandler: false);
}
