namespace WindowsNodeOperator.Sandbox.Cloud.Seeding;

/// <summary>The public SSM parameters that name the EKS-optimized AMIs.</summary>
public static class FleetParameters
{
    public static string WindowsAmi(string kubernetesVersion, string edition = "Core", string windowsVersion = "2022") =>
        $"/aws/service/ami-windows-latest/Windows_Server-{windowsVersion}-English-{edition}-EKS_Optimized-{kubernetesVersion}/image_id";

    public static string LinuxAmi(string kubernetesVersion) =>
        $"/aws/service/eks/optimized-ami/{kubernetesVersion}/amazon-linux-2023/x86_64/standard/recommended/image_id";
}
