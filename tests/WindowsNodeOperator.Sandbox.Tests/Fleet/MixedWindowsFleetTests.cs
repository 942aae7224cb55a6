using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;
using WindowsNodeOperator.Sandbox.Tests.Cloud;
using WindowsNodeOperator.Sandbox.Tests.Controllers;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

/// <summary>config/sandbox-fleet-mixed-windows.json: Windows Server 2019 and 2022 groups, AMIs, nodes and the workloads built for each.</summary>
public sealed class MixedWindowsFleetTests
{
    private static FleetOptions Mixed() => FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-mixed-windows.json"));

    [Fact]
    public void The_2019_group_runs_2019_AMIs_published_under_their_own_SSM_parameter()
    {
        var options = Mixed();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ControlledCluster.Start);
        var instances = FleetPlan.Build(options, time.GetUtcNow());
        var cloud = new SimulatedCloud(time, nodes: new RecordingNodeRegistry());

        cloud.Seed(options, instances);

        var parameter = cloud.Ssm.GetParameter(FleetParameters.WindowsAmi(options.KubernetesVersion, "Core", "2019"));
        Assert.Equal("/aws/service/ami-windows-latest/Windows_Server-2019-English-Core-EKS_Optimized-1.31/image_id", parameter.Name);
        Assert.Equal(FleetPlan.MonthlyAmis("2019", full: false)[^1], parameter.Value);
        Assert.StartsWith("Windows_Server-2019-English-Core-EKS_Optimized-1.31-", cloud.Ec2.DescribeImages([parameter.Value]).Single().Name, StringComparison.Ordinal);
        Assert.Equal(FleetPlan.MonthlyWindowsAmis[^1], cloud.Ssm.GetParameter(FleetParameters.WindowsAmi(options.KubernetesVersion)).Value);

        var byGroup = instances.Where(i => i.Os == NodeOs.Windows).ToLookup(i => i.GroupName);
        Assert.All(byGroup["eks-windows-2019"], i => Assert.Contains(i.ImageId, FleetPlan.MonthlyAmis("2019", full: false)));
        Assert.All(byGroup["eks-windows-a"], i => Assert.Contains(i.ImageId, FleetPlan.MonthlyWindowsAmis));
    }

    [Fact]
    public async Task Nodes_carry_their_build_and_each_workload_runs_on_hosts_of_its_build()
    {
        using var cluster = await ControlledCluster.SeedAsync(Mixed());

        foreach (var instance in cluster.Windows)
        {
            var node = cluster.Node(instance.NodeName)!;
            var expected = instance.GroupName == "eks-windows-2019" ? ("10.0.17763", "Windows Server 2019 Datacenter") : ("10.0.20348", "Windows Server 2022 Datacenter");
            Assert.Equal(expected, (Meta.Labels(node)[WindowsBuilds.Label], Meta.Str(node["status"]!["nodeInfo"], "osImage")));
        }

        var hosts2019 = cluster.Windows.Where(i => i.GroupName == "eks-windows-2019").Select(i => i.NodeName).ToHashSet();
        foreach (var (ns, app, on2019) in new[] { ("legacy-apps", "billing", true), ("legacy-apps", "reports", true), ("windows-apps", "iis-frontend", false) })
        {
            var pods = cluster.Pods(ns, app);
            Assert.NotEmpty(pods);
            Assert.All(pods, p => Assert.Equal(on2019, hosts2019.Contains(Meta.Str(p["spec"], "nodeName")!)));
        }
    }

    [Fact]
    public async Task A_kubelet_never_starts_a_container_built_for_another_Windows_build()
    {
        using var cluster = await ControlledCluster.SeedAsync(Mixed());
        var host2022 = cluster.Windows.First(i => i.GroupName == "eks-windows-a").NodeName;
        cluster.Store.Create(BoundPod("ltsc2019-on-2022", host2022, "mcr.microsoft.com/windows/servercore:ltsc2019"));
        cluster.Store.Create(BoundPod("ltsc2022-on-2022", host2022, "mcr.microsoft.com/windows/servercore:ltsc2022"));
        cluster.Step();

        cluster.Advance(TimeSpan.FromMinutes(10));
        cluster.Step();

        var refused = cluster.Pod("default", "ltsc2019-on-2022");
        Assert.Equal("Pending", Meta.Str(refused["status"], "phase"));
        Assert.Equal("ContainerCreating", Meta.Str(refused["status"]!["containerStatuses"]![0]!["state"]!["waiting"], "reason"));
        Assert.Equal("Running", Meta.Str(cluster.Pod("default", "ltsc2022-on-2022")["status"], "phase"));
        var warning = Assert.Single(
            cluster.Store.List("v1", "events", "default"),
            e => Meta.Str(e, "reason") == "FailedCreatePodSandBox" && Meta.Str(e["involvedObject"], "name") == "ltsc2019-on-2022");
        Assert.Contains("The container operating system does not match the host operating system", Meta.Str(warning, "message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.17763", "10.0.17763", true)]
    [InlineData("10.0.20348", "10.0.17763", false)] // an ltsc2019 image on a 2022 host
    [InlineData("10.0.17763", "10.0.20348", false)] // an ltsc2022 image on a 2019 host
    [InlineData("10.0.26100", "10.0.20348", true)]  // from 2022 on, a newer host runs older images
    public void Builds_run_on_hosts_as_containerd_allows(string host, string container, bool runs) =>
        Assert.Equal(runs, WindowsBuilds.Runs(host, container));

    [Theory]
    [InlineData("mcr.microsoft.com/windows/servercore:ltsc2019", "10.0.17763")]
    [InlineData("mcr.microsoft.com/windows/nanoserver:1809", "10.0.17763")]
    [InlineData("mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", "10.0.20348")]
    [InlineData("ghcr.io/prometheus-community/windows-exporter:0.29.2", null)]
    public void A_container_images_build_is_read_from_its_tag(string image, string? build) =>
        Assert.Equal(build, WindowsBuilds.OfContainerImage(image));

    private static JsonObject BoundPod(string name, string node, string image) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "windows" },
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }),
        },
    };
}
