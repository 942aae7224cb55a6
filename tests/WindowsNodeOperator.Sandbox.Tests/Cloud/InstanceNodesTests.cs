using WindowsNodeOperator.Sandbox.Cloud.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class InstanceNodesTests
{
    [Fact]
    public void A_booted_replacement_registers_a_windows_node_named_by_its_dns_name_with_its_provider_id()
    {
        var h = new CloudHarness();
        h.CreateGroup(1, hooks: false);
        var booted = Assert.Single(h.Nodes.Booted);

        var node = InstanceNodes.Manifest(booted, new FleetOptions());

        Assert.Equal(booted.PrivateDnsName, node["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(booted.PrivateDnsName, InstanceNodes.NodeName(booted));
        Assert.Equal($"aws:///{booted.AvailabilityZone}/{booted.InstanceId}", node["spec"]!["providerID"]!.GetValue<string>());
        Assert.Equal("windows", node["metadata"]!["labels"]!["kubernetes.io/os"]!.GetValue<string>());
        Assert.Equal(CloudHarness.Group, node["metadata"]!["labels"]!["alpha.eksctl.io/nodegroup-name"]!.GetValue<string>());
        Assert.Equal("2026-11-23T08:04:00Z", node["metadata"]!["creationTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Seeded_instances_map_back_to_the_fleet_plan_they_came_from()
    {
        var h = new CloudHarness();
        var options = new FleetOptions();
        var planned = FleetPlan.Build(options, h.Time.GetUtcNow());
        var cloud = new Sandbox.Cloud.SimulatedCloud(h.Time);
        cloud.Seed(options, planned);

        var described = cloud.Ec2.DescribeInstances(planned.Select(p => p.InstanceId).ToList());

        // The build a Windows node reports comes from its AMI's name (the plan names no AMI, only its build).
        var mapped = described.Select(d => InstanceNodes.ToFleetInstance(d, cloud.Ec2.DescribeImages([d.ImageId]).Single().Name));
        Assert.Equal(planned, mapped.Select(m => m with { ImageName = null }));
    }
}
