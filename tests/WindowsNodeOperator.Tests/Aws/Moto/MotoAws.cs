using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>SDK clients and the real call pipeline pointed at a <see cref="MotoServer"/>, built the way production builds them.</summary>
internal sealed class MotoAws : IDisposable
{
    public MotoAws(MotoServer moto)
    {
        var factory = new AwsClientFactory(Options.Create(new AwsClientOptions
        {
            Region = MotoServer.Region,
            EndpointUrl = moto.Endpoint.ToString(),
            Credentials = moto.Credentials,
        }));
        Ec2 = factory.CreateEc2();
        Ssm = factory.CreateSsm();
        Pipeline = new AwsCallPipeline(Options.Create(new AwsResilienceOptions()), TimeProvider.System, new AwsCallMetrics());
    }

    public IAmazonEC2 Ec2 { get; }

    public IAmazonSimpleSystemsManagement Ssm { get; }

    public IAwsCallPipeline Pipeline { get; }

    public void Dispose()
    {
        Ec2.Dispose();
        Ssm.Dispose();
    }
}
