using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

/// <summary>
/// <c>config/sandbox-fleet-terraform.json</c>: groups built without eksctl, in us-east-1, with resource-based hostnames.
/// Seeded and launched nodes are named after their instances in <c>ec2.internal</c> and carry no label naming their group.
/// </summary>
public sealed class TerraformFleetTests
{
    private const string EksctlLabel = "alpha.eksctl.io/nodegroup-name";

    [Fact]
    public async Task Nodes_are_named_after_their_instances_in_ec2_internal_and_carry_no_group_label()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-terraform.json"));
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, fleet);
        var store = cluster.Server.Store;

        // 1. Every seeded node: named <instance id>.ec2.internal, the instance's private DNS name; no eksctl label.
        var nodes = store.List("v1", "nodes");
        Assert.Equal(cluster.Fleet.Instances.Count, nodes.Count);
        foreach (var instance in cluster.Fleet.Instances)
        {
            Assert.Equal($"{instance.InstanceId}.ec2.internal", instance.NodeName);
            var node = store.Find("v1", "nodes", null, instance.NodeName)!;
            Assert.False(node["metadata"]!["labels"]!.AsObject().ContainsKey(EksctlLabel));
            Assert.StartsWith("aws:///us-east-1", node["spec"]!["providerID"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(instance.NodeName, Assert.Single(cluster.Cloud.Ec2.DescribeInstances([instance.InstanceId])).PrivateDnsName);
        }

        // 2. A replacement the group launches is named the same way.
        var old = cluster.Fleet.Instances.First(i => i.GroupName == "eks-windows-a");
        cluster.Cloud.AutoScaling.TerminateInstanceInAutoScalingGroup(old.InstanceId, shouldDecrementDesiredCapacity: false);
        for (var second = 0; second < 420; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            cluster.Cloud.Step();
            cluster.Controllers!.Step();
        }

        var members = Assert.Single(cluster.Cloud.AutoScaling.DescribeAutoScalingGroups("eks-windows-a")).Instances;
        var replacement = Assert.Single(members, m => cluster.Fleet.Instances.All(i => i.InstanceId != m.InstanceId));
        var joined = store.Find("v1", "nodes", null, $"{replacement.InstanceId}.ec2.internal");
        Assert.NotNull(joined);
        Assert.EndsWith("/" + replacement.InstanceId, joined["spec"]!["providerID"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(joined["metadata"]!["labels"]!.AsObject().ContainsKey(EksctlLabel));
    }

    [Theory]
    [InlineData("us-east-1", HostnameTypes.IpName, "ip-10-0-1-2.ec2.internal")]
    [InlineData("us-east-1", HostnameTypes.ResourceName, "i-0123456789abcdef0.ec2.internal")]
    [InlineData("us-west-2", HostnameTypes.IpName, "ip-10-0-1-2.us-west-2.compute.internal")]
    [InlineData("eu-west-1", HostnameTypes.ResourceName, "i-0123456789abcdef0.eu-west-1.compute.internal")]
    public void Host_names_follow_the_hostname_type_and_the_region(string region, string type, string expected) =>
        Assert.Equal(expected, HostnameTypes.Of(type, "i-0123456789abcdef0", "10.0.1.2", region));

    [Fact]
    public void An_unknown_hostname_type_is_refused_naming_the_field()
    {
        var problems = FleetFile.Validate(new FleetOptions { HostnameType = "dns-name" }).ToList();
        Assert.Contains(problems, p => p.StartsWith("hostnameType:", StringComparison.Ordinal));
    }
}
