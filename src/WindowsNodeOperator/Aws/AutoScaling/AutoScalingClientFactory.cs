using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Builds the signed HTTP stack and the Query client from the shared AWS client options.</summary>
internal static class AutoScalingClientFactory
{
    public const string SigningService = "autoscaling";

    public static AutoScalingQueryClient Create(AwsClientOptions options, TimeProvider time) =>
        Create(options, time, Environment.GetEnvironmentVariable, transport: null);

    public static AutoScalingQueryClient Create(
        AwsClientOptions options, TimeProvider time, Func<string, string?> environment, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(options);
        var region = options.Region is { Length: > 0 } name
            ? RegionEndpoint.GetBySystemName(name)
            : FallbackRegionFactory.GetRegionEndpoint()
              ?? throw new InvalidOperationException("No AWS region: set one in the options or AWS_REGION.");
        var explicitUrl = options.EndpointUrl is { Length: > 0 } url ? new Uri(url, UriKind.Absolute) : null;
        var endpoint = AutoScalingEndpoint.Resolve(explicitUrl, region.SystemName, environment);
        var credentials = options.Credentials ?? new DefaultChainCredentials();
        return new AutoScalingQueryClient(CreateHttpClient(credentials, region, transport), endpoint, time);
    }

    /// <summary>
    /// The signer sits innermost, just above the transport, so every retry made above it is signed
    /// afresh; redirects are not followed below it because a followed redirect would go out unsigned.
    /// </summary>
    public static HttpClient CreateHttpClient(AWSCredentials credentials, RegionEndpoint region, HttpMessageHandler? transport)
    {
        transport ??= new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler chain.
        var signer = new SigV4SigningHandler(credentials, region, SigningService, transport);
#pragma warning restore CA2000
        return new HttpClient(signer, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
