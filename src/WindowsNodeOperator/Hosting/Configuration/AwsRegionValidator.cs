using Microsoft.Extensions.Options;
using WindowsNodeOperator.Aws;

namespace WindowsNodeOperator.Hosting.Configuration;

/// <summary>
/// Requires a region for the real AWS clients: <c>Aws:Region</c> or AWS_REGION (set by IRSA's webhook). Without one
/// the SDK would fall back to instance metadata, which pods usually cannot reach, and fail only at the first call.
/// </summary>
internal sealed class AwsRegionValidator(Func<string, string?> environment) : IValidateOptions<AwsClientOptions>
{
    public AwsRegionValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    public ValidateOptionsResult Validate(string? name, AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Region)
            || !string.IsNullOrWhiteSpace(environment("AWS_REGION"))
            || !string.IsNullOrWhiteSpace(environment("AWS_DEFAULT_REGION")))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail("Aws:Region: no AWS region; set AWS_REGION or Aws:Region (WNO_Aws__Region).");
    }
}
