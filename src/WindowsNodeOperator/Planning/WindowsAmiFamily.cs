using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>A Windows Server version and edition: one public SSM parameter of EKS-optimized AMIs per Kubernetes version.</summary>
internal sealed record WindowsAmiFamily(string Version, WindowsEdition Edition)
{
    public override string ToString() => $"Windows Server {Version} {Edition}";
}
