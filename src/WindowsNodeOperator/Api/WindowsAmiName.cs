using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Api;

/// <summary>What an EKS-optimized Windows AMI's name says: <c>Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.04.14</c>.</summary>
public sealed partial record WindowsAmiName(string WindowsVersion, WindowsEdition Edition, string KubernetesVersion)
{
    public static WindowsAmiName? Parse(string? name)
    {
        var match = name is null ? null : Pattern().Match(name);
        return match is { Success: true }
            ? new WindowsAmiName(match.Groups["version"].Value, Enum.Parse<WindowsEdition>(match.Groups["edition"].Value), match.Groups["k8s"].Value)
            : null;
    }

    /// <summary>The public SSM parameter of the latest AMI of the same Windows version and edition for <paramref name="clusterVersion"/>.</summary>
    public string LatestParameter(string clusterVersion) => AmiParameterNames.EksOptimized(WindowsVersion, Edition, clusterVersion);

    [GeneratedRegex(@"^Windows_Server-(?<version>\d{4})-English-(?<edition>Core|Full)-EKS_Optimized-(?<k8s>1\.\d+)")]
    private static partial Regex Pattern();
}
