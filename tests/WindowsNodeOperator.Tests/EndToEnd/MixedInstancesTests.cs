using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A soaked new AMI on a fleet whose managed groups run mixed instances policies (config/sandbox-fleet-mixed-instances.json):
/// the rollout moves each policy's launch template to the new version and leaves its overrides and distribution as they were.
/// A refresh that named the launch template alone would, on success, replace the policy with that template.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MixedInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rollout_keeps_each_groups_mixed_instances_policy_and_moves_only_its_launch_template_version()
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-instances.json"));
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var autoScaling = world.Cluster.Cloud.AutoScaling;
        var before = OperatorInSandbox.ManagedGroups.ToDictionary(g => g, g => autoScaling.DescribeAutoScalingGroups(g).Single().MixedInstancesPolicy!);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.RollOutSamplePolicyAsync();

        foreach (var name in OperatorInSandbox.ManagedGroups)
        {
            var group = autoScaling.DescribeAutoScalingGroups(name).Single();
            var was = before[name];
            var policy = group.MixedInstancesPolicy;
            Assert.True(policy is not null, $"group {name} lost its mixed instances policy; it launches {group.LaunchTemplate} alone");
            Assert.Equal(was.Overrides, policy.Overrides);
            Assert.Equal(was.InstancesDistribution, policy.InstancesDistribution);
            Assert.Equal(was.LaunchTemplateSpecification.LaunchTemplateId, policy.LaunchTemplateSpecification.LaunchTemplateId);

            // The version the operator made for the new AMI, and nothing else changed in the policy.
            var version = world.Cluster.Cloud.Ec2.DescribeLaunchTemplateVersions(policy.LaunchTemplateSpecification, policy.LaunchTemplateSpecification.Version).Single();
            Assert.Equal(ami, version.ImageId);
            Assert.True(
                int.Parse(policy.LaunchTemplateSpecification.Version, CultureInfo.InvariantCulture) > int.Parse(was.LaunchTemplateSpecification.Version, CultureInfo.InvariantCulture),
                $"group {name} is on version {policy.LaunchTemplateSpecification.Version}, it was on {was.LaunchTemplateSpecification.Version}");
            Assert.Equal(was with { LaunchTemplateSpecification = was.LaunchTemplateSpecification with { Version = policy.LaunchTemplateSpecification.Version } }, policy);

            var instances = world.Instances(name);
            Assert.Equal(6, instances.Count);
            Assert.All(instances, i => Assert.Equal((ami, was.Overrides[0].InstanceType), (i.ImageId, i.InstanceType)));
            Assert.All(world.Nodes(name), n => Assert.True(FleetFacts.IsReady(n) && !FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} not Ready or cordoned"));
            Assert.Equal(InstanceRefreshStatus.Successful, autoScaling.DescribeInstanceRefreshes(name)[0].Status);
        }

        // What the operator asked for: the policy as the desired configuration, never a launch template alone.
        var starts = world.AwsCalls.Calls.Where(c => c.Action == "StartInstanceRefresh").ToList();
        Assert.Equal(2, starts.Count);
        Assert.All(starts, s => Assert.DoesNotContain(s.Parameters.Keys, k => k.StartsWith("DesiredConfiguration.LaunchTemplate.", StringComparison.Ordinal)));
        Assert.All(starts, s => Assert.Contains("DesiredConfiguration.MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType", s.Parameters.Keys));
        Assert.Equal(12, world.OperatorEvents.Count(e => e.Reason == "NodeDrained" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)));
        Assert.Empty(world.Observers.Violations);
        output.WriteLine($"wall time {world.WallTime.TotalSeconds:F1}s");
    }

    [Fact]
    public async Task A_group_whose_override_has_its_own_launch_template_is_left_alone_and_reported_while_the_other_group_rolls_out()
    {
        var file = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-instances.json"));
        var fleet = file with
        {
            Groups = [.. file.Groups.Select(g => g.Name == "eks-windows-a"
                ? g with { MixedInstances = g.MixedInstances! with { Overrides = [g.MixedInstances.Overrides[0] with { OwnLaunchTemplate = true }, .. g.MixedInstances.Overrides.Skip(1)] } }
                : g)],
        };
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var autoScaling = world.Cluster.Cloud.AutoScaling;
        var untouched = autoScaling.DescribeAutoScalingGroups("eks-windows-a").Single();
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        try
        {
            await world.RunUntilAsync(
                () => world.Instances("eks-windows-b").All(i => i.ImageId == ami)
                    && autoScaling.DescribeInstanceRefreshes("eks-windows-b") is [{ Status: InstanceRefreshStatus.Successful }, ..]
                    && world.ConditionIs("windows-default", "Degraded", "True", "UnsupportedMixedInstancesPolicy"),
                TimeSpan.FromHours(16),
                "eks-windows-b rolled out and the policy Degraded for eks-windows-a");
        }
        finally
        {
            world.PrintTimeline();
        }

        var message = world.Condition("windows-default", "Degraded")!["message"]!.GetValue<string>();
        Assert.Contains("group eks-windows-a", message, StringComparison.Ordinal);
        Assert.Contains("(m6i.xlarge on lt-", message, StringComparison.Ordinal);
        Assert.Single(world.OperatorEvents, e => e.Reason == "UnsupportedMixedInstancesPolicy" && e.Type == "Warning");

        // eks-windows-a as it was: no refresh, no hook, the same instances and policy.
        Assert.Empty(autoScaling.DescribeInstanceRefreshes("eks-windows-a"));
        Assert.Empty(autoScaling.DescribeLifecycleHooks("eks-windows-a"));
        var group = autoScaling.DescribeAutoScalingGroups("eks-windows-a").Single();
        Assert.Equal(untouched.MixedInstancesPolicy, group.MixedInstancesPolicy);
        Assert.Equal(untouched.Instances.Select(i => i.InstanceId), group.Instances.Select(i => i.InstanceId));
        Assert.NotNull(autoScaling.DescribeAutoScalingGroups("eks-windows-b").Single().MixedInstancesPolicy);
        Assert.Empty(world.Observers.Violations);
    }
}
