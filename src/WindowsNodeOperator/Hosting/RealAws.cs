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
        var aws = configuration.GetSection("Aws");
        services.AddOptions<AwsClientOptions>().Bind(aws).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AwsClientOptions>>(_ => new AwsRegionValidator());
        services.AddOptions<AwsResilienceOptions>().Bind(aws.GetSection("Resilience"))
            .Validate(Valid, "Aws:Resilience: attempts must be at least 1, delays positive (BaseDelay <= MaxDelay), rates positive.")
            .ValidateOnStart();
        services.AddOptions<AmiCatalogOptions>().Bind(aws.GetSection("AmiCatalog"))
            .Validate(o => o.Ttl > TimeSpan.Zero && o.NotFoundTtl > TimeSpan.Zero, "Aws:AmiCatalog: Ttl and NotFoundTtl must be positive.")
            .ValidateOnStart();
        services.AddAwsEc2AndSsm();
        services.AddAwsAutoScaling();
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
