namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>Where the Auto Scaling client sends its calls; both unset means the SDK's defaults.</summary>
internal sealed record AutoScalingClientOptions
{
    /// <summary>The region, such as <c>eu-west-1</c>; when null, the SDK's region chain (AWS_REGION, profile, instance metadata).</summary>
    public string? Region { get; init; }

    /// <summary>An explicit endpoint (tests, VPC endpoints); it wins over the AWS_ENDPOINT_URL variables.</summary>
    public Uri? ServiceUrl { get; init; }
}
