using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class AutoScalingRegistrationTests
{
    [Fact]
    public void Resolves_the_port_to_the_query_client_on_the_shared_options_and_pipeline()
    {
        var services = new ServiceCollection().AddAwsEc2AndSsm().AddAwsAutoScaling();
        services.Configure<AwsClientOptions>(o =>
        {
            o.Region = "eu-west-1";
            o.Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b");
        });
        using var provider = services.BuildServiceProvider();

        Assert.IsType<AutoScalingAdapter>(provider.GetRequiredService<IAutoScaling>());
        Assert.Single(services, d => d.ServiceType == typeof(IAwsCallPipeline));
        var client = provider.GetRequiredService<AutoScalingQueryClient>();
        Assert.Equal("autoscaling.eu-west-1.amazonaws.com", client.Endpoint.Host);
    }
}
