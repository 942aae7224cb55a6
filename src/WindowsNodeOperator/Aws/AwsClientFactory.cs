using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Options;

namespace WindowsNodeOperator.Aws;

/// <summary>Builds the SDK clients with region, endpoint and credentials applied and the SDK's own retries off.</summary>
internal sealed class AwsClientFactory(IOptions<AwsClientOptions> options)
{
    public IAmazonEC2 CreateEc2()
    {
        var config = Configure(new AmazonEC2Config());
        return options.Value.Credentials is { } credentials ? new AmazonEC2Client(credentials, config) : new AmazonEC2Client(config);
    }

    public IAmazonSimpleSystemsManagement CreateSsm()
    {
        var config = Configure(new AmazonSimpleSystemsManagementConfig());
        return options.Value.Credentials is { } credentials
            ? new AmazonSimpleSystemsManagementClient(credentials, config)
            : new AmazonSimpleSystemsManagementClient(config);
    }

    /// <summary>Applies the options to any SDK client config; the Polly pipeline does the retrying.</summary>
    public T Configure<T>(T config)
        where T : ClientConfig
    {
        var value = options.Value;
        config.MaxErrorRetry = 0;
        config.RetryMode = RequestRetryMode.Standard;
        if (value.EndpointUrl is { Length: > 0 } endpoint)
        {
            // ServiceURL and RegionEndpoint exclude each other; the region still signs the requests.
            config.ServiceURL = endpoint;
            if (value.Region is { Length: > 0 } signingRegion)
            {
                config.AuthenticationRegion = signingRegion;
            }
        }
        else if (value.Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        if (value.Transport is { } transport)
        {
            config.HttpClientFactory = new TransportHttpClientFactory(transport);
        }

        return config;
    }
}
