using k8s.Models;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class NodeReadingTests
{
    [Theory]
    [InlineData("aws:///us-east-1a/i-0123456789abcdef0", "i-0123456789abcdef0")]
    [InlineData("aws://us-east-1a/i-0123456789abcdef0", "i-0123456789abcdef0")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("gce://project/us-central1-a/i-0123456789abcdef0", null)]
    [InlineData("azure:///subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/i-vm", null)]
    [InlineData("kind://docker/kind/kind-worker", null)]
    [InlineData("aws:///us-east-1a/", null)]
    [InlineData("aws:///us-east-1a/fargate-ip-10-0-0-1", null)]
    public void Only_an_aws_provider_id_names_an_instance(string? providerId, string? instanceId) =>
        Assert.Equal(instanceId, NodeReading.InstanceId(new V1Node { Metadata = new() { Name = "n" }, Spec = new() { ProviderID = providerId } }));
}
