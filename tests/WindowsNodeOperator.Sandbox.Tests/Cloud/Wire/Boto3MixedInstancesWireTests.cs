using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Ec2;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;

/// <summary>
/// boto3 reads a group's MixedInstancesPolicy from DescribeAutoScalingGroups and starts a refresh with it as the desired
/// configuration (only the launch template version changed); once the refresh succeeds the group holds exactly that policy.
/// </summary>
public sealed class Boto3MixedInstancesWireTests
{
    private const string Mixed = "eks-windows-a";
    private const string Plain = "eks-windows-legacy";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Boto3_reads_a_mixed_instances_policy_and_refreshes_the_group_with_it()
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-instances.json"));
        var cloud = new SimulatedCloud(_time);
        cloud.Seed(fleet, FleetPlan.Build(fleet, _time.GetUtcNow()));
        var before = cloud.AutoScaling.DescribeAutoScalingGroups(Mixed).Single();
        var policy = before.MixedInstancesPolicy!;
        var image = cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.07", "windows");
        var version = cloud.Ec2.CreateLaunchTemplateVersion(policy.LaunchTemplateSpecification, "1", image.ImageId, "December AMI");
        var newVersion = version.VersionNumber.ToString(CultureInfo.InvariantCulture);

        JsonObject read;
        await using (var server = await SimulatedAwsServer.StartAsync(cloud))
        {
            var given = new JsonObject { ["mixedGroup"] = Mixed, ["plainGroup"] = Plain, ["newVersion"] = newVersion };
            read = await Boto3Script.RunAsync("boto3_mixed_instances_check.py", server.BaseAddress.ToString(), given.ToJsonString());
        }

        // DescribeAutoScalingGroups: the policy in AWS's shape, and no top-level LaunchTemplate beside it.
        var described = read["groups"]![Mixed]!;
        Assert.Null(described["template"]);
        Assert.True(
            JsonNode.DeepEquals(Expected(policy), described["policy"]),
            $"boto3 read {described["policy"]!.ToJsonString()}, expected {Expected(policy).ToJsonString()}");
        Assert.Null(read["groups"]![Plain]!["policy"]);
        Assert.Equal("eks-windows-legacy-nodes", read["groups"]![Plain]!["template"]!["LaunchTemplateName"]!.GetValue<string>());

        // StartInstanceRefresh and DescribeInstanceRefreshes: the policy boto3 sent is the refresh's desired configuration.
        var refresh = cloud.AutoScaling.DescribeInstanceRefreshes(Mixed).Single();
        var desired = policy with { LaunchTemplateSpecification = policy.LaunchTemplateSpecification with { Version = newVersion } };
        var sent = desired with { LaunchTemplateSpecification = desired.LaunchTemplateSpecification with { LaunchTemplateName = null } };
        Assert.Equal(read["refresh"]!["id"]!.GetValue<string>(), refresh.InstanceRefreshId);
        Assert.Equal(new DesiredConfiguration(null, sent), refresh.DesiredConfiguration);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["MixedInstancesPolicy"] = Expected(sent) }, read["refresh"]!["desired"]), read["refresh"]!["desired"]!.ToJsonString());
        Assert.Equal("ValidationError", read["errors"]!["both"]!["code"]!.GetValue<string>());
        Assert.Contains("InstanceRequirements", read["errors"]!["requirements"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Once it succeeds the group holds that policy (its template named again): same overrides and distribution, the new version.
        for (var i = 0; i < 200 && cloud.AutoScaling.DescribeInstanceRefreshes(Mixed)[0].Status != InstanceRefreshStatus.Successful; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            cloud.Step();
        }

        var after = cloud.AutoScaling.DescribeAutoScalingGroups(Mixed).Single();
        Assert.Equal(InstanceRefreshStatus.Successful, cloud.AutoScaling.DescribeInstanceRefreshes(Mixed)[0].Status);
        Assert.Equal(desired, after.MixedInstancesPolicy);
        Assert.All(cloud.Ec2.DescribeInstances([.. after.Instances.Select(i => i.InstanceId)]), i => Assert.Equal((image.ImageId, "m6i.xlarge"), (i.ImageId, i.InstanceType)));
    }

    /// <summary>The policy as botocore parses it (members left out when the account has no value).</summary>
    private static JsonObject Expected(MixedInstancesPolicy policy)
    {
        var distribution = new JsonObject();
        void Add(string name, JsonNode? value)
        {
            if (value is not null)
            {
                distribution[name] = value;
            }
        }

        var d = policy.InstancesDistribution!;
        Add("OnDemandAllocationStrategy", d.OnDemandAllocationStrategy);
        Add("OnDemandBaseCapacity", d.OnDemandBaseCapacity);
        Add("OnDemandPercentageAboveBaseCapacity", d.OnDemandPercentageAboveBaseCapacity);
        Add("SpotAllocationStrategy", d.SpotAllocationStrategy);
        Add("SpotInstancePools", d.SpotInstancePools);
        Add("SpotMaxPrice", d.SpotMaxPrice);
        return new JsonObject
        {
            ["LaunchTemplate"] = new JsonObject
            {
                ["LaunchTemplateSpecification"] = Specification(policy.LaunchTemplateSpecification),
                ["Overrides"] = new JsonArray([.. policy.Overrides.Select(o =>
                {
                    var item = new JsonObject { ["InstanceType"] = o.InstanceType };
                    if (o.WeightedCapacity is { } weight)
                    {
                        item["WeightedCapacity"] = weight;
                    }

                    if (o.LaunchTemplateSpecification is { } own)
                    {
                        item["LaunchTemplateSpecification"] = Specification(own);
                    }

                    return (JsonNode)item;
                })]),
            },
            ["InstancesDistribution"] = distribution,
        };
    }

    private static JsonObject Specification(LaunchTemplateSpecification spec)
    {
        var json = new JsonObject { ["LaunchTemplateId"] = spec.LaunchTemplateId };
        if (spec.LaunchTemplateName is { } name)
        {
            json["LaunchTemplateName"] = name;
        }

        json["Version"] = spec.Version;
        return json;
    }
}
