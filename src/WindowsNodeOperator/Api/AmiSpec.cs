using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>
/// Where the target AMI comes from: an explicit SSM parameter, or the public EKS-optimized one of a Windows version and
/// edition; without them, each group's own version and edition (what it runs now).
/// </summary>
public sealed class AmiSpec
{
    public const string AutoKubernetesVersion = "auto";

    [JsonPropertyName("ssmParameter")]
    public string? SsmParameter { get; set; }

    /// <summary>Null: each group keeps the Windows Server version it runs now.</summary>
    [JsonPropertyName("windowsVersion")]
    public string? WindowsVersion { get; set; }

    /// <summary>Null: each group keeps the edition it runs now (Core when that cannot be read).</summary>
    [JsonPropertyName("edition")]
    public WindowsEdition? Edition { get; set; }

    /// <summary>Lets <see cref="WindowsVersion"/> move a group that runs another Windows Server version onto it.</summary>
    [JsonPropertyName("allowWindowsVersionChange")]
    public bool AllowWindowsVersionChange { get; set; }

    /// <summary><c>auto</c> (the cluster's version) or <c>1.NN</c>.</summary>
    [JsonPropertyName("kubernetesVersion")]
    public string KubernetesVersion { get; set; } = AutoKubernetesVersion;

    [JsonPropertyName("updateLaunchTemplate")]
    public bool UpdateLaunchTemplate { get; set; } = true;

    /// <summary>How long a new AMI must have been published before it is rolled out.</summary>
    [JsonPropertyName("soakTime")]
    public string SoakTime { get; set; } = "24h";

    /// <summary>
    /// The SSM parameter holding the target AMI id: <see cref="SsmParameter"/> when set, otherwise the public
    /// EKS-optimized parameter of <paramref name="windowsVersion"/> and <paramref name="edition"/>, with <c>auto</c>
    /// resolved to <paramref name="clusterKubernetesVersion"/>.
    /// </summary>
    public string ResolveParameterName(string clusterKubernetesVersion, string windowsVersion, WindowsEdition edition)
    {
        if (SsmParameter is not null)
        {
            return SsmParameter;
        }

        var kubernetesVersion = KubernetesVersion == AutoKubernetesVersion ? clusterKubernetesVersion : KubernetesVersion;
        return AmiParameterNames.EksOptimized(windowsVersion, edition, kubernetesVersion);
    }
}
