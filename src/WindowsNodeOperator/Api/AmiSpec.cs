using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>Where the target AMI comes from: an explicit SSM parameter, or the public EKS-optimized one for a Windows version.</summary>
public sealed class AmiSpec
{
    public const string AutoKubernetesVersion = "auto";

    [JsonPropertyName("ssmParameter")]
    public string? SsmParameter { get; set; }

    [JsonPropertyName("windowsVersion")]
    public string? WindowsVersion { get; set; }

    [JsonPropertyName("edition")]
    public WindowsEdition Edition { get; set; } = WindowsEdition.Core;

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
    /// EKS-optimized parameter, with <c>auto</c> resolved to <paramref name="clusterKubernetesVersion"/>.
    /// </summary>
    public string ResolveParameterName(string clusterKubernetesVersion)
    {
        if (SsmParameter is not null)
        {
            return SsmParameter;
        }

        var kubernetesVersion = KubernetesVersion == AutoKubernetesVersion ? clusterKubernetesVersion : KubernetesVersion;
        return AmiParameterNames.EksOptimized(WindowsVersion ?? WindowsVersions.V2022, Edition, kubernetesVersion);
    }
}
