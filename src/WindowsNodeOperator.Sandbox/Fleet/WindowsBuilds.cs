using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// Windows Server versions, the OS builds their hosts report (the kubelet's <c>node.kubernetes.io/windows-build</c> label)
/// and which container images run on which host: a process-isolated Windows container needs its base image's build to
/// match the host's (https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/version-compatibility),
/// except that since Windows Server 2022 a host runs images of an older build from 2022 on (containerd's check, hcsshim
/// osversion.CheckHostAndContainerCompat).
/// </summary>
public static partial class WindowsBuilds
{
    public const string Label = "node.kubernetes.io/windows-build";
    public const string V2019 = "10.0.17763";
    public const string V2022 = "10.0.20348";
    public const string V2025 = "10.0.26100";

    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal)
    {
        ["2019"] = V2019,
        ["2022"] = V2022,
        ["2025"] = V2025,
    };

    public static IReadOnlyCollection<string> KnownVersions => Versions.Keys;

    /// <summary>The build of a Windows Server version (<c>2019</c>, <c>2022</c>, <c>2025</c>), or null.</summary>
    public static string? OfVersion(string? version) => version is not null && Versions.TryGetValue(version, out var build) ? build : null;

    /// <summary>The build an EKS-optimized AMI's name says (<c>Windows_Server-2019-English-Core-EKS_Optimized-...</c>), or null.</summary>
    public static string? OfImageName(string? name) =>
        name is not null && AmiName().Match(name) is { Success: true } match ? OfVersion(match.Groups[1].Value) : null;

    /// <summary>The build of a container image from its tag (<c>ltsc2019</c>, <c>1809</c>, <c>ltsc2022</c>, <c>ltsc2025</c>), or null when the tag does not say.</summary>
    public static string? OfContainerImage(string? image)
    {
        var match = image is null ? null : ImageTag().Match(image);
        return match is { Success: true }
            ? match.Groups["ltsc"].Success ? OfVersion(match.Groups["ltsc"].Value) : V2019
            : null;
    }

    /// <summary>Whether a container of build <paramref name="container"/> starts on a host of build <paramref name="host"/>.</summary>
    public static bool Runs(string host, string container) =>
        host == container
        || (string.CompareOrdinal(container, V2022) >= 0 && string.CompareOrdinal(host, container) >= 0);

    /// <summary>What the Node reports as its OS image and kernel for a build.</summary>
    public static (string OsImage, string Kernel) NodeInfo(string build) => build switch
    {
        V2019 => ("Windows Server 2019 Datacenter", "10.0.17763.6532"),
        V2025 => ("Windows Server 2025 Datacenter", "10.0.26100.2314"),
        _ => ("Windows Server 2022 Datacenter", "10.0.20348.2849"),
    };

    [GeneratedRegex(@"^Windows_Server-(\d{4})-")]
    private static partial Regex AmiName();

    [GeneratedRegex(@"(?:ltsc(?<ltsc>2019|2022|2025)|[:-]1809(?:$|[-.]))")]
    private static partial Regex ImageTag();
}
