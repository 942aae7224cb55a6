using System.Text.Json.Nodes;
using WindowsNodeOperator.Aws.AutoScaling;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>A group's mixed instances policy read whole, and sent back whole as a refresh's desired configuration.</summary>
public sealed class MixedInstancesPolicyTests
{
    private const string Prefix = "DesiredConfiguration.MixedInstancesPolicy.";
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Reads_the_policy_its_overrides_and_distribution()
    {
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, Samples.MixedInstancesGroup));

        var policy = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-b"], Ct)).MixedInstancesPolicy!;

        Assert.Equal(new LaunchTemplateRef("lt-0b2c3d4e5f6a78901", "eks-windows-spot", "$Latest"), policy.LaunchTemplate);
        Assert.Equal([new LaunchTemplateOverride("m5.xlarge"), new LaunchTemplateOverride("m6i.xlarge")], policy.Overrides);
        Assert.Equal(new InstancesDistribution("prioritized", 1, 0, "price-capacity-optimized", null, null), policy.Distribution);
        Assert.Empty(policy.Uncarried);
    }

    [Fact]
    public async Task Reads_weights_an_overrides_own_template_an_empty_spot_price_and_names_what_it_does_not_read()
    {
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, Samples.MixedInstancesGroupWithOwnTemplates, Samples.LaunchTemplateGroup));

        var groups = await harness.Adapter.DescribeGroupsAsync(["eks-windows-gpu", "eks-windows-a"], Ct);

        var policy = groups[0].MixedInstancesPolicy!;
        Assert.Equal(new LaunchTemplateRef("lt-0c3d4e5f6a7b89012", "eks-windows-gpu", "12"), groups[0].LaunchTemplate);
        Assert.Equal(
            [
                new LaunchTemplateOverride("g4dn.xlarge", "2", new LaunchTemplateRef("lt-0d4e5f6a7b8c90123", "eks-windows-gpu-nvidia", "3")),
                new LaunchTemplateOverride("m5.xlarge", "1"),
                new LaunchTemplateOverride(null, "1"),
            ],
            policy.Overrides);
        Assert.Equal(new InstancesDistribution("prioritized", 2, 25, "lowest-price", 3, ""), policy.Distribution);
        Assert.Equal(["Overrides[3].InstanceRequirements"], policy.Uncarried);
        Assert.Null(groups[1].MixedInstancesPolicy);
    }

    [Fact]
    public void A_refresh_of_a_mixed_group_sends_its_policy_at_the_desired_version_field_for_field()
    {
        var form = AutoScalingRequests.StartInstanceRefresh(ModelConformanceTests.MixedRefresh()).ToForm();

        Assert.Equal(
            [
                new("Action", "StartInstanceRefresh"),
                new("Version", "2011-01-01"),
                new("AutoScalingGroupName", "eks-windows-gpu"),
                new("Strategy", "Rolling"),
                new(Prefix + "LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId", "lt-0c3d4e5f6a7b89012"),
                new(Prefix + "LaunchTemplate.LaunchTemplateSpecification.Version", "13"),
                new(Prefix + "LaunchTemplate.Overrides.member.1.InstanceType", "g4dn.xlarge"),
                new(Prefix + "LaunchTemplate.Overrides.member.1.WeightedCapacity", "2"),
                new(Prefix + "LaunchTemplate.Overrides.member.1.LaunchTemplateSpecification.LaunchTemplateId", "lt-0d4e5f6a7b8c90123"),
                new(Prefix + "LaunchTemplate.Overrides.member.1.LaunchTemplateSpecification.Version", "3"),
                new(Prefix + "LaunchTemplate.Overrides.member.2.InstanceType", "m5.xlarge"),
                new(Prefix + "LaunchTemplate.Overrides.member.2.WeightedCapacity", "1"),
                new(Prefix + "LaunchTemplate.Overrides.member.2.LaunchTemplateSpecification.LaunchTemplateName", "eks-windows-gpu-m5"),
                new(Prefix + "LaunchTemplate.Overrides.member.2.LaunchTemplateSpecification.Version", "$Default"),
                new(Prefix + "InstancesDistribution.OnDemandAllocationStrategy", "prioritized"),
                new(Prefix + "InstancesDistribution.OnDemandBaseCapacity", "2"),
                new(Prefix + "InstancesDistribution.OnDemandPercentageAboveBaseCapacity", "25"),
                new(Prefix + "InstancesDistribution.SpotAllocationStrategy", "lowest-price"),
                new(Prefix + "InstancesDistribution.SpotInstancePools", "3"),
                new(Prefix + "InstancesDistribution.SpotMaxPrice", ""),
                new("Preferences.MinHealthyPercentage", "90"),
                new("Preferences.SkipMatching", "true"),
            ],
            form);
    }

    [Fact]
    public async Task The_form_is_what_botocore_serializes_for_the_same_desired_configuration()
    {
        using var harness = new AutoScalingHarness(_ => RecordingHandler.Xml(Samples.StartInstanceRefresh));
        await harness.Adapter.StartInstanceRefreshAsync(ModelConformanceTests.MixedRefresh(), Ct);

        var botocore = await BotocoreSerializer.SerializeAsync("StartInstanceRefresh", JsonNode.Parse("""
            {
              "AutoScalingGroupName": "eks-windows-gpu",
              "Strategy": "Rolling",
              "DesiredConfiguration": {
                "MixedInstancesPolicy": {
                  "LaunchTemplate": {
                    "LaunchTemplateSpecification": { "LaunchTemplateId": "lt-0c3d4e5f6a7b89012", "Version": "13" },
                    "Overrides": [
                      { "InstanceType": "g4dn.xlarge", "WeightedCapacity": "2",
                        "LaunchTemplateSpecification": { "LaunchTemplateId": "lt-0d4e5f6a7b8c90123", "Version": "3" } },
                      { "InstanceType": "m5.xlarge", "WeightedCapacity": "1",
                        "LaunchTemplateSpecification": { "LaunchTemplateName": "eks-windows-gpu-m5", "Version": "$Default" } }
                    ]
                  },
                  "InstancesDistribution": {
                    "OnDemandAllocationStrategy": "prioritized", "OnDemandBaseCapacity": 2, "OnDemandPercentageAboveBaseCapacity": 25,
                    "SpotAllocationStrategy": "lowest-price", "SpotInstancePools": 3, "SpotMaxPrice": ""
                  }
                }
              },
              "Preferences": { "MinHealthyPercentage": 90, "SkipMatching": true }
            }
            """)!.AsObject());

        var sent = Assert.Single(harness.Requests).Form.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Equal(botocore.OrderBy(p => p.Key, StringComparer.Ordinal), sent.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_policy_holding_what_the_operator_does_not_read_is_never_sent_back_without_it()
    {
        using var harness = new AutoScalingHarness(_ => RecordingHandler.Xml(Samples.StartInstanceRefresh));
        var request = ModelConformanceTests.MixedRefresh();
        request = request with { MixedInstancesPolicy = request.MixedInstancesPolicy! with { Uncarried = ["Overrides[3].InstanceRequirements"] } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Adapter.StartInstanceRefreshAsync(request, Ct));

        Assert.Contains("Overrides[3].InstanceRequirements", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public void A_group_without_a_policy_gets_its_launch_template_alone()
    {
        var form = AutoScalingRequests.StartInstanceRefresh(ModelConformanceTests.FullRefresh()).ToForm();

        Assert.Equal(
            ["DesiredConfiguration.LaunchTemplate.LaunchTemplateId", "DesiredConfiguration.LaunchTemplate.Version"],
            form.Select(p => p.Key).Where(k => k.StartsWith("DesiredConfiguration.", StringComparison.Ordinal)));
    }
}
