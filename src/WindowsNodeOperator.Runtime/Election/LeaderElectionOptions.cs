namespace WindowsNodeOperator.Runtime.Election;

/// <summary>Where the Lease lives, who this instance is, and the election timings (client-go's defaults).</summary>
public sealed class LeaderElectionOptions
{
    public string LeaseNamespace { get; set; } = "default";

    public string LeaseName { get; set; } = string.Empty;

    /// <summary>This instance's name in the Lease; defaults to the POD_NAME variable, else host name plus a random suffix.</summary>
    public string? Identity { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    internal static string DefaultIdentity()
    {
        var pod = Environment.GetEnvironmentVariable("POD_NAME");
        return string.IsNullOrWhiteSpace(pod)
            ? $"{Environment.MachineName}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}"
            : pod;
    }
}
