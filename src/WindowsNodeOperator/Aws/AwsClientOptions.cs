using Amazon.Runtime;

namespace WindowsNodeOperator.Aws;

/// <summary>
/// Where the AWS clients go. Unset values fall to the SDK's own chain: region from <c>AWS_REGION</c>, profile or
/// instance metadata; endpoint from <c>AWS_ENDPOINT_URL</c> / <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>.
/// </summary>
public sealed class AwsClientOptions
{
    public string? Region { get; set; }

    /// <summary>One endpoint for every service (a test server); prefer the SDK's per-service variables otherwise.</summary>
    public string? EndpointUrl { get; set; }

    /// <summary>Explicit credentials for tests; null uses the SDK's default credential chain.</summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>The HTTP transport under every client (an in-memory simulated account in tests); null uses the SDK's own.</summary>
    public HttpMessageHandler? Transport { get; set; }
}
