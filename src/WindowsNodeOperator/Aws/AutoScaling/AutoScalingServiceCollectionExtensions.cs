using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.AutoScaling;

internal static class AutoScalingServiceCollectionExtensions
{
    /// <summary>The Auto Scaling client behind <see cref="IAutoScaling"/>, on the shared AWS options and call pipeline.</summary>
    public static IServiceCollection AddAwsAutoScaling(this IServiceCollection services)
    {
        services.AddOptions<AwsClientOptions>();
        services.AddOptions<AwsResilienceOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AwsCallMetrics>();
        services.TryAddSingleton<IAwsCallPipeline, AwsCallPipeline>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AwsClientOptions>>().Value;
            return AutoScalingClientFactory.Create(options, sp.GetRequiredService<TimeProvider>(), Environment.GetEnvironmentVariable, options.Transport);
        });
        services.TryAddSingleton<IAutoScaling>(sp => new AutoScalingAdapter(
            sp.GetRequiredService<AutoScalingQueryClient>(), sp.GetRequiredService<IAwsCallPipeline>()));
        return services;
    }
}
