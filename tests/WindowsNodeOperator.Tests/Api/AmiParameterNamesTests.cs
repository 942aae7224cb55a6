using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Tests.Api;

public sealed class AmiParameterNamesTests
{
    [Fact]
    public void Builds_the_public_eks_optimized_parameter_name()
    {
        Assert.Equal(
            "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id",
            AmiParameterNames.EksOptimized("2022", WindowsEdition.Core, "1.31"));
        Assert.Equal(
            "/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-EKS_Optimized-1.29/image_id",
            AmiParameterNames.EksOptimized("2019", WindowsEdition.Full, "1.29"));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("v1.31")]
    [InlineData("1.31.2")]
    public void Rejects_versions_that_are_not_a_minor_version(string version) =>
        Assert.Throws<ArgumentException>(() => AmiParameterNames.EksOptimized("2022", WindowsEdition.Core, version));

    [Fact]
    public void Resolves_auto_to_the_cluster_version_and_prefers_an_explicit_parameter()
    {
        var defaults = new WindowsNodePolicySpec().Ami;
        var pinned = new AmiSpec { WindowsVersion = "2025", Edition = WindowsEdition.Full, KubernetesVersion = "1.30" };
        var explicitParameter = new AmiSpec { SsmParameter = "/platform/ami/approved" };

        Assert.Equal(
            "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.32/image_id",
            defaults.ResolveParameterName("1.32", "2022", WindowsEdition.Core));
        Assert.Equal(
            "/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-EKS_Optimized-1.30/image_id",
            pinned.ResolveParameterName("1.32", pinned.WindowsVersion!, pinned.Edition!.Value));
        Assert.Equal("/platform/ami/approved", explicitParameter.ResolveParameterName("1.32", "2019", WindowsEdition.Core));
    }
}
