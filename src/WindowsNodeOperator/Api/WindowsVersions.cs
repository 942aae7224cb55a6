namespace WindowsNodeOperator.Api;

/// <summary>The Windows Server versions AWS publishes EKS-optimized AMIs for.</summary>
public static class WindowsVersions
{
    public const string V2019 = "2019";
    public const string V2022 = "2022";
    public const string V2025 = "2025";

    public static IReadOnlyList<string> All { get; } = [V2019, V2022, V2025];
}
