using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class SsmAndSeedingTests
{
    private readonly CloudHarness _h = new();

    [Fact]
    public void A_new_ami_is_published_at_the_chosen_time_with_its_parameter_history()
    {
        const string parameter = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id";
        _h.Cloud.Ssm.PutParameter(parameter, _h.OldImage);
        var at = _h.Time.GetUtcNow() + TimeSpan.FromHours(6);
        var published = _h.Cloud.PublishImage(parameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.10", at);

        _h.Time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        Assert.Equal(_h.OldImage, _h.Cloud.Ssm.GetParameter(parameter).Value);
        Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ec2.DescribeImages([published]));

        _h.Time.Advance(TimeSpan.FromDays(1));
        var latest = _h.Cloud.Ssm.GetParameter(parameter);
        Assert.Equal((published, 2L, at), (latest.Value, latest.Version, latest.LastModifiedDate));
        Assert.Equal([_h.OldImage, published], _h.Cloud.Ssm.GetParameterHistory(parameter).Select(p => p.Value));
        Assert.Equal(at, _h.Cloud.Ec2.DescribeImages([published]).Single().CreationDate);
    }

    [Fact]
    public void Unknown_parameters_are_not_found()
    {
        var error = Assert.Throws<SimulatedAwsException>(() => _h.Cloud.Ssm.GetParameter("/nope"));
        Assert.Equal("ParameterNotFound", error.ErrorCode);
    }

    [Fact]
    public void Seeding_from_the_fleet_plan_matches_the_nodes_instance_for_instance()
    {
        var options = new FleetOptions();
        var instances = FleetPlan.Build(options, _h.Time.GetUtcNow());
        var nodes = new RecordingNodeRegistry();
        var cloud = new SimulatedCloud(_h.Time, nodes: nodes);

        cloud.Seed(options, instances);
        _h.Time.Advance(TimeSpan.FromHours(1));

        var groups = cloud.AutoScaling.DescribeAutoScalingGroups();
        Assert.Equal(options.Groups.Select(g => g.Name), groups.Select(g => g.AutoScalingGroupName));
        Assert.All(groups, g => Assert.Equal(g.DesiredCapacity, g.Instances.Count));
        Assert.Equal("true", groups[0].Tags["windowsnode.io/managed"]);
        Assert.Equal("3", groups[0].LaunchTemplate.Version);
        Assert.Empty(nodes.Booted);
        foreach (var planned in instances)
        {
            var instance = cloud.Ec2.DescribeInstances([planned.InstanceId]).Single();
            Assert.Equal((planned.ImageId, planned.LaunchTime, planned.LaunchTime), (instance.ImageId, instance.LaunchTime, instance.NetworkInterfaceAttachTime));
            Assert.Equal((planned.NodeName, planned.PrivateIp, planned.GroupName), (instance.PrivateDnsName, instance.PrivateIpAddress, instance.AutoScalingGroupName));
        }

        var latest = cloud.Ssm.GetParameter(FleetParameters.WindowsAmi(options.KubernetesVersion));
        Assert.Equal(FleetPlan.MonthlyWindowsAmis[^1], latest.Value);
        Assert.Equal(3, latest.Version);
        Assert.Equal("windows", cloud.Ec2.DescribeImages([latest.Value]).Single().Platform);
    }

    [Fact]
    public void Every_seeded_group_is_tagged_as_its_cluster_s_unless_the_fleet_names_another_cluster()
    {
        var defaults = new FleetOptions { ClusterName = "prod" };
        var options = defaults with
        {
            Groups =
            [
                .. defaults.Groups,
                new GroupOptions("eks-windows-staging", NodeOs.Windows, Size: 1, MaxAgeDays: 10, Tags: new Dictionary<string, string>
                {
                    ["windowsnode.io/managed"] = "true",
                    ["kubernetes.io/cluster/staging"] = "owned",
                }),
            ],
        };
        var cloud = new SimulatedCloud(_h.Time);

        cloud.Seed(options, FleetPlan.Build(options, _h.Time.GetUtcNow()));

        var tags = cloud.AutoScaling.DescribeAutoScalingGroups().ToDictionary(g => g.AutoScalingGroupName, g => g.Tags);
        Assert.All(defaults.Groups, g => Assert.Equal("owned", tags[g.Name]["kubernetes.io/cluster/prod"]));
        Assert.Equal("true", tags["eks-windows-a"]["windowsnode.io/managed"]);
        Assert.False(tags["eks-windows-legacy"].ContainsKey("windowsnode.io/managed"));
        Assert.Equal(
            [KeyValuePair.Create("kubernetes.io/cluster/staging", "owned"), KeyValuePair.Create("windowsnode.io/managed", "true")],
            tags["eks-windows-staging"].OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_fleet_group_with_mixed_instances_is_seeded_with_its_policy_and_instances_of_the_first_type()
    {
        var options = new FleetOptions
        {
            Groups =
            [
                new("eks-windows-a", NodeOs.Windows, 3, 60, FleetOptions.ManagedTag, MixedInstances: new GroupMixedInstances(
                    [new("m6i.xlarge", OwnLaunchTemplate: true), new("m5.xlarge")],
                    new FleetInstancesDistribution(OnDemandBaseCapacity: 1, SpotAllocationStrategy: "capacity-optimized"))),
            ],
        };
        var cloud = new SimulatedCloud(_h.Time);

        cloud.Seed(options, FleetPlan.Build(options, _h.Time.GetUtcNow()));

        var group = cloud.AutoScaling.DescribeAutoScalingGroups().Single();
        var policy = group.MixedInstancesPolicy!;
        Assert.Equal(("eks-windows-a-nodes", "3"), (policy.LaunchTemplateSpecification.LaunchTemplateName, policy.LaunchTemplateSpecification.Version));
        Assert.Equal(["m6i.xlarge", "m5.xlarge"], policy.Overrides.Select(o => o.InstanceType));
        Assert.Equal(("eks-windows-a-m6i.xlarge-nodes", "3"), (policy.Overrides[0].LaunchTemplateSpecification!.LaunchTemplateName, policy.Overrides[0].LaunchTemplateSpecification!.Version));
        Assert.Null(policy.Overrides[1].LaunchTemplateSpecification);
        Assert.Equal(new InstancesDistribution("prioritized", 1, 100, "capacity-optimized"), policy.InstancesDistribution);
        Assert.All(group.Instances, i => Assert.Equal(("m6i.xlarge", policy.Overrides[0].LaunchTemplateSpecification!.LaunchTemplateId), (i.InstanceType, i.LaunchTemplate.LaunchTemplateId)));
    }
}
