using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Api;

/// <summary>Builds the names of the public SSM parameters AWS publishes EKS-optimized Windows AMI ids under.</summary>
public static partial class AmiParameterNames
{
    /// <summary>
    /// <c>/aws/service/ami-windows-latest/Windows_Server-&lt;v&gt;-English-&lt;edition&gt;-EKS_Optimized-&lt;k8s&gt;/image_id</c>.
    /// </summary>
    public static string EksOptimized(string windowsVersion, WindowsEdition edition, string kubernetesVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(windowsVersion);
        ArgumentException.ThrowIfNullOrEmpty(kubernetesVersion);
        if (!KubernetesMinorVersion().IsMatch(kubernetesVersion))
        {
            throw new ArgumentException(
                $"Kubernetes version must look like 1.31, not '{kubernetesVersion}'.", nameof(kubernetesVersion));
        }

        return $"/aws/service/ami-windows-latest/Windows_Server-{windowsVersion}-English-{edition}-EKS_Optimized-{kubernetesVersion}/image_id";
    }

    [GeneratedRegex(@"^1\.[0-9]{2}$")]
    private static partial Regex KubernetesMinorVersion();
}
