using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Aws.Ssm;
using WindowsNodeOperator.Hosting.Configuration;

namespace WindowsNodeOperator.Hosting;

/// <summary>Binds the <c>Aws</c> section and registers the real adapters behind the four cloud ports.</summary>
internal static class RealAws
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AwsClientOptions>().Bind(configuration.GetSection("Aws")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AwsClientOptions>>(_ => new AwsRegionValidator());
        BindCallSettings(services, configuration);
        services.AddAwsEc2AndSsm();
        services.AddAwsAutoScaling();
    }

    /// <summary>Retries, timeouts, rate limits and the AMI cache: the same settings whether the account is real or simulated.</summary>
    public static void BindCallSettings(IServiceCollection services, IConfiguration configuration)
    {
        var aws = configuration.GetSection("Aws");
        services.AddOptions<AwsResilienceOptions>().Bind(aws.GetSection("Resilience"))
            .Validate(Valid, "Aws:Resilience: attempts must be at least 1, delays positive (BaseDelay <= MaxDelay), rates positive.")
            .ValidateOnStart();
        services.AddOptions<AmiCatalogOptions>().Bind(aws.GetSection("AmiCatalog"))
            .Validate(o => o.Ttl > TimeSpan.Zero && o.NotFoundTtl > TimeSpan.Zero, "Aws:AmiCatalog: Ttl and NotFoundTtl must be positive.")
            .ValidateOnStart();
    }

    private static bool Valid(AwsResilienceOptions options)
    {
        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
