using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Scenario: a cluster with a Windows Server 2019 group beside two 2022 groups (config/sandbox-fleet-mixed-windows.json),
/// ltsc2019 workloads on the 2019 hosts. Each group keeps its version unless the policy names another and allows the change.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MixedWindowsVersionTests(ITestOutputHelper output)
{
    private const string Group2019 = "eks-windows-2019";
    private static readonly string[] Groups2022 = ["eks-windows-a", "eks-windows-b"];

    [Fact]
    public async Task Without_a_version_each_group_is_refreshed_onto_the_newer_AMI_of_its_own_version()
    {
        await using var world = await StartAsync();
        var (new2022, new2019) = PublishNewAmis(world);

        await world.ApplyAsync(Policy(ami: "{soakTime: 24h}"));
        try
        {
            await world.RunUntilAsync(() => world.ConditionIs("windows-mixed", "Ready", "True"), TimeSpan.FromHours(24), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        foreach (var (group, ami, build) in Groups2022.Select(g => (g, new2022, WindowsBuilds.V2022)).Append((Group2019, new2019, WindowsBuilds.V2019)))
        {
            Assert.All(world.Instances(group), i => Assert.Equal(ami, i.ImageId));
            Assert.Equal(ami, TemplateImage(world, group));
            Assert.All(world.Nodes(group), n => Assert.Equal(build, Build(n)));
        }

        // The ltsc2019 workloads came back on 2019 hosts and run: nothing was put on a host of another build.
        Assert.All(world.Store.List("v1", "pods", "legacy-apps"), p => Assert.True(IsReady(p), $"{FleetFacts.Name(p)} is not Ready"));
        Assert.DoesNotContain(world.Store.List("v1", "events", "legacy-apps"), e => Reason(e) == "FailedCreatePodSandBox");
        Assert.Empty(world.Observers.Violations);
    }

    [Fact]
    public async Task A_named_version_leaves_the_other_versions_group_alone_until_the_change_is_allowed()
    {
        await using var world = await StartAsync();
        var (new2022, _) = PublishNewAmis(world);
        var templateBefore = Versions(world, Group2019);
        var instancesBefore = world.Instances(Group2019).Select(i => (i.InstanceId, i.ImageId)).Order().ToList();

        // 1. windowsVersion 2022 without the opt-in: the 2022 groups roll out, the 2019 group is named and left alone.
        await world.ApplyAsync(Policy(ami: "{windowsVersion: \"2022\", soakTime: 24h}"));
        try
        {
            await world.RunUntilAsync(
                () => Groups2022.All(g => world.Instances(g).All(i => i.ImageId == new2022)) && Groups2022.All(g => !Refreshing(world, g)),
                TimeSpan.FromHours(24),
                "the 2022 groups on the new AMI");
            await world.RunForAsync(TimeSpan.FromHours(1));
        }
        finally
        {
            world.PrintTimeline();
        }

        var degraded = world.Condition("windows-mixed", "Degraded")!;
        Assert.Equal(("True", "WindowsVersionMismatch"), (Str(degraded, "status"), Str(degraded, "reason")));
        Assert.Contains($"group {Group2019} runs Windows Server 2019 but spec.ami.windowsVersion is 2022", Str(degraded, "message"), StringComparison.Ordinal);
        Assert.Equal(templateBefore, Versions(world, Group2019));
        Assert.Equal(instancesBefore, world.Instances(Group2019).Select(i => (i.InstanceId, i.ImageId)).Order().ToList());
        Assert.Empty(world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(Group2019));
        Assert.All(world.Nodes(Group2019), n => Assert.False(FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} cordoned"));

        // 2. The opt-in: the 2019 group's template is pinned to the 2022 AMI and its nodes come back on 2022 hosts.
        var patch = await world.Kubectl.RunAsync(
            "patch", "wnp", "windows-mixed", "--type", "merge", "-p", """{"spec":{"ami":{"allowWindowsVersionChange":true}}}""");
        Assert.True(patch.ExitCode == 0, patch.ToString());
        try
        {
            await world.RunUntilAsync(
                () => world.Nodes(Group2019).Any(n => Build(n) == WindowsBuilds.V2022 && FleetFacts.IsReady(n)),
                TimeSpan.FromHours(6),
                "a 2022 node in the 2019 group");
        }
        finally
        {
            world.PrintTimeline();
        }

        Assert.Equal(new2022, TemplateImage(world, Group2019));
        Assert.Contains(world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(Group2019), r => r.Status != InstanceRefreshStatus.Cancelled);
        Assert.False(world.ConditionIs("windows-mixed", "Degraded", "True", "WindowsVersionMismatch"));
    }

    private async Task<OperatorInSandbox> StartAsync() =>
        await OperatorInSandbox.StartAsync(output, fleet: FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-windows.json")));

    private static (string New2022, string New2019) PublishNewAmis(OperatorInSandbox world)
    {
        var k8s = world.Cluster.Options.KubernetesVersion;
        var released = world.Time.GetUtcNow().AddDays(-2);
        return (
            world.Cluster.Cloud.PublishImage(FleetParameters.WindowsAmi(k8s), $"Windows_Server-2022-English-Core-EKS_Optimized-{k8s}-2026.11.20", released),
            world.Cluster.Cloud.PublishImage(FleetParameters.WindowsAmi(k8s, "Core", "2019"), $"Windows_Server-2019-English-Core-EKS_Optimized-{k8s}-2026.11.20", released));
    }

    private static string Policy(string ami) => $$"""
        apiVersion: windowsnode.io/v1alpha1
        kind: WindowsNodePolicy
        metadata:
          name: windows-mixed
        spec:
          autoScalingGroups:
            tags:
              windowsnode.io/managed: "true"
          ami: {{ami}}
          refresh:
            instanceWarmup: 1m
          disruption:
            maxUnavailable: 2
        """;

    /// <summary>The image of the template's newest version: the one the operator pins.</summary>
    private static string TemplateImage(OperatorInSandbox world, string group) => Versions(world, group).MaxBy(v => v.Item1).Item2;

    private static List<(int, string)> Versions(OperatorInSandbox world, string group)
    {
        var template = world.Cluster.Cloud.AutoScaling.DescribeAutoScalingGroups(group).Single().LaunchTemplate;
        return [.. world.Cluster.Cloud.Ec2.DescribeLaunchTemplateVersions(template).Select(v => (v.VersionNumber, v.ImageId))];
    }

    private static bool Refreshing(OperatorInSandbox world, string group) =>
        world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(group)
            .Any(r => r.Status is InstanceRefreshStatus.Pending or InstanceRefreshStatus.InProgress);

    private static string? Build(JsonObject node) => node["metadata"]?["labels"]?[WindowsBuilds.Label]?.GetValue<string>();

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => Str(c, "type") == "Ready" && Str(c, "status") == "True") == true;

    private static string? Reason(JsonObject e) => e["reason"]?.GetValue<string>();

    private static string Str(JsonObject obj, string key) => obj[key]?.GetValue<string>() ?? string.Empty;
}
