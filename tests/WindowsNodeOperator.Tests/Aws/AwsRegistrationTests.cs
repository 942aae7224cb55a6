using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws;

public sealed class AwsRegistrationTests
{
    [Fact]
    public void Resolves_the_ports_to_the_aws_adapters_with_one_shared_pipeline()
    {
        var services = new ServiceCollection().AddAwsEc2AndSsm();
        services.Configure<AwsClientOptions>(o =>
        {
            o.Region = "eu-west-1";
            o.Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b");
        });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SsmAmiCatalog>(provider.GetRequiredService<IAmiCatalog>());
        Assert.IsType<Ec2InstanceInventory>(provider.GetRequiredService<IInstanceInventory>());
        Assert.IsType<Ec2LaunchTemplates>(provider.GetRequiredService<ILaunchTemplates>());
        Assert.Same(provider.GetRequiredService<IAwsCallPipeline>(), provider.GetRequiredService<IAwsCallPipeline>());
        var ec2 = provider.GetRequiredService<Amazon.EC2.IAmazonEC2>();
        Assert.Equal(0, ec2.Config.MaxErrorRetry);
        Assert.Equal("eu-west-1", ec2.Config.RegionEndpoint?.SystemName);
    }
}
