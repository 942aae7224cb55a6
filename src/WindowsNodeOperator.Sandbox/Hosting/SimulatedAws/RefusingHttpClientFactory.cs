using Amazon.Runtime;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>
/// The HTTP layer of the simulated SDK clients: it refuses every request, so a call the simulation does not
/// override fails at once instead of reaching AWS.
/// </summary>
internal sealed class RefusingHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new RefusingHandler());

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new NotSupportedException($"The simulated AWS account does not serve {request.RequestUri}; only the calls the operator's adapters make are simulated.");
    }
}
