namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>How long an SSM answer is trusted before it is read again.</summary>
public sealed class AmiCatalogOptions
{
    /// <summary>AWS publishes new Windows AMIs monthly; an hour keeps SSM calls rare without delaying a rollout much.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Kept short so a parameter created after the policy is noticed soon.</summary>
    public TimeSpan NotFoundTtl { get; set; } = TimeSpan.FromMinutes(5);
}
