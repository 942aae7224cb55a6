namespace WindowsNodeOperator.Api;

/// <summary>The Windows Server versions AWS publishes EKS-optimized AMIs for, and the OS builds their nodes report.</summary>
public static class WindowsVersions
{
    public const string V2019 = "2019";
    public const string V2022 = "2022";
    public const string V2025 = "2025";

    /// <summary>The node label a Windows kubelet sets to its OS build (major.minor.build), which Windows pods select on.</summary>
    public const string BuildLabel = "node.kubernetes.io/windows-build";

    public static IReadOnlyList<string> All { get; } = [V2019, V2022, V2025];

    // https://learn.microsoft.com/en-us/virtualization/windowscontainers/deploy-containers/base-image-lifecycle
    private static readonly Dictionary<string, string> Builds = new(StringComparer.Ordinal)
    {
        ["10.0.17763"] = V2019,
        ["10.0.20348"] = V2022,
        ["10.0.26100"] = V2025,
    };

    /// <summary>The Windows Server version of a <see cref="BuildLabel"/> value, or null for a build that is not one of <see cref="All"/>.</summary>
    public static string? OfBuild(string? build) => build is not null && Builds.TryGetValue(build, out var version) ? version : null;
}
