namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// Resolves the endpoint the way the AWS SDKs do for a client that has none of its own:
/// explicit URL, then AWS_ENDPOINT_URL_AUTO_SCALING, then AWS_ENDPOINT_URL, then the regional default.
/// See https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html.
/// </summary>
internal static class AutoScalingEndpoint
{
    public const string ServiceVariable = "AWS_ENDPOINT_URL_AUTO_SCALING";
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    public static Uri Resolve(Uri? explicitUrl, string region, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (explicitUrl is not null)
        {
            return explicitUrl;
        }

        if (!string.Equals(environment(IgnoreVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var variable in (ReadOnlySpan<string>)[ServiceVariable, GlobalVariable])
            {
                if (environment(variable) is { Length: > 0 } configured)
                {
                    return new Uri(configured, UriKind.Absolute);
                }
            }
        }

        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://autoscaling.{region}.{suffix}");
    }
}
