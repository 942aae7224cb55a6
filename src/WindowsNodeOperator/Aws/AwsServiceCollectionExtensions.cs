using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WindowsNodeOperator.Aws.Ec2;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws;

internal static class AwsServiceCollectionExtensions
{
    /// <summary>The SSM and EC2 adapters behind <see cref="IAmiCatalog"/>, <see cref="IInstanceInventory"/> and <see cref="ILaunchTemplates"/>, the audit reads, and the shared call pipeline.</summary>
    public static IServiceCollection AddAwsEc2AndSsm(this IServiceCollection services)
    {
        services.AddOptions<AwsClientOptions>();
        services.AddOptions<AwsResilienceOptions>();
        services.AddOptions<AmiCatalogOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsCallMetrics>();
        services.TryAddSingleton<IAwsCallPipeline, AwsCallPipeline>();
        services.TryAddSingleton<AwsClientFactory>();
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateEc2());
        services.TryAddSingleton(sp => sp.GetRequiredService<AwsClientFactory>().CreateSsm());
        services.TryAddSingleton<SsmParameterReader>();
        services.TryAddSingleton<Ec2ImageReader>();
        services.TryAddSingleton<IAmiCatalog, SsmAmiCatalog>();
        services.TryAddSingleton<IInstanceInventory, Ec2InstanceInventory>();
        services.TryAddSingleton<ILaunchTemplates, Ec2LaunchTemplates>();
        services.TryAddSingleton<IFleetAudit, Ec2FleetAudit>();
        services.TryAddSingleton<IManagedInstances, SsmManagedInstances>();
        return services;
    }
}
