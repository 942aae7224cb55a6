using Amazon.EC2;
using Amazon.SimpleSystemsManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

internal static class SimulatedAwsServiceCollectionExtensions
{
    /// <summary>
    /// The four cloud ports over a simulated account, wired as <c>AddAwsEc2AndSsm</c> and <c>AddAwsAutoScaling</c>
    /// wire them against AWS: the same pipeline, metrics, catalog, inventory and launch templates, with SDK clients
    /// answered by <paramref name="cloud"/> and no credentials. Register the cloud's clock as the <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSimulatedAws(this IServiceCollection services, SimulatedCloud cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        services.AddOptions<AwsResilienceOptions>();
        services.AddOptions<AmiCatalogOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsCallMetrics>();
        services.TryAddSingleton<IAwsCallPipeline, AwsCallPipeline>();
        services.Replace(ServiceDescriptor.Singleton(cloud));
        // Replace, not TryAdd: registered after the AWS adapters, the simulation still wins.
        services.Replace(ServiceDescriptor.Singleton<IAmazonEC2>(_ => new SimulatedEc2Client(cloud)));
        services.Replace(ServiceDescriptor.Singleton<IAmazonSimpleSystemsManagement>(_ => new SimulatedSsmClient(cloud)));
        services.TryAddSingleton<SsmParameterReader>();
        services.TryAddSingleton<Ec2ImageReader>();
        services.TryAddSingleton<IAmiCatalog, SsmAmiCatalog>();
        services.TryAddSingleton<IInstanceInventory, Ec2InstanceInventory>();
        services.TryAddSingleton<ILaunchTemplates, Ec2LaunchTemplates>();
        services.Replace(ServiceDescriptor.Singleton<IAutoScaling, SimulatedAutoScaling>());
        return services;
    }
}
