using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

namespace WindowsNodeOperator.Tests.Hosting.Sandbox;

public sealed class SimulatedAwsRegistrationTests : IDisposable
{
    private readonly SimulatedAccount _account = new();

    [Fact]
    public void The_simulation_replaces_the_aws_clients_and_keeps_the_real_adapters_and_pipeline()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_account.Time);
        services.AddAwsEc2AndSsm();
        services.AddAwsAutoScaling();
        services.AddSimulatedAws(_account.Cloud);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<SimulatedEc2Client>(provider.GetRequiredService<IAmazonEC2>());
        Assert.IsType<SimulatedSsmClient>(provider.GetRequiredService<IAmazonSimpleSystemsManagement>());
        Assert.IsType<SsmAmiCatalog>(provider.GetRequiredService<IAmiCatalog>());
        Assert.IsType<Ec2InstanceInventory>(provider.GetRequiredService<IInstanceInventory>());
        Assert.IsType<Ec2LaunchTemplates>(provider.GetRequiredService<ILaunchTemplates>());
        Assert.IsType<WindowsNodeOperator.Sandbox.Hosting.SimulatedAws.SimulatedAutoScaling>(provider.GetRequiredService<IAutoScaling>());
        Assert.IsType<AwsCallPipeline>(provider.GetRequiredService<IAwsCallPipeline>());
    }

    [Fact]
    public async Task A_call_the_simulation_does_not_answer_fails_without_reaching_aws()
    {
        var ec2 = _account.Get<IAmazonEC2>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ec2.DescribeVpcsAsync(new DescribeVpcsRequest()));

        Assert.Contains(Chain(error), e => e is NotSupportedException && e.Message.Contains("does not serve", StringComparison.Ordinal));
    }

    public void Dispose() => _account.Dispose();

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
