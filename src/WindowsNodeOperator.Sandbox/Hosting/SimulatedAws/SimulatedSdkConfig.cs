using Amazon;
using Amazon.Runtime;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

internal static class SimulatedSdkConfig
{
    /// <summary>A client config that never reaches the network: the region of the simulated account, no SDK retries, every request refused.</summary>
    public static T Create<T>(string region)
        where T : ClientConfig, new() => new()
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            MaxErrorRetry = 0,
            HttpClientFactory = new RefusingHttpClientFactory(),
        };

    /// <summary>No credential chain is consulted: nothing is ever signed or sent.</summary>
    public static AWSCredentials Credentials { get; } = new AnonymousAWSCredentials();
}
