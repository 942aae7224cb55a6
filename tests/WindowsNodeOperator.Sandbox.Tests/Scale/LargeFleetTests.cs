using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Sandbox.Tests.Scale;

/// <summary>5,000 Windows nodes in 50 groups, 10 pods on each: the sandbox seeds them and its controllers find nothing to do.</summary>
public sealed class LargeFleetTests(ITestOutputHelper output)
{
    public static FleetOptions FiveThousandNodes() => new()
    {
        ClusterName = "sandbox-5000",
        Seed = 5000,
        Groups =
        [
            .. Enumerable.Range(1, 50).Select(i => new GroupOptions($"eks-windows-{i:D2}", NodeOs.Windows, Size: 100, MaxAgeDays: 90, Tags: FleetOptions.ManagedTag)),
            new GroupOptions("eks-linux-system", NodeOs.Linux, Size: 3, MaxAgeDays: 30, Tags: new Dictionary<string, string>()),
        ],

        // Eight Deployments of one replica per Windows node and two DaemonSets: ten pods on every Windows node.
        Workloads =
        [
            .. Enumerable.Range(1, 8).Select(i => new WorkloadOptions(
                $"apps-{i}", $"app-{i}", NodeOs.Windows, Replicas: 5000, "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", MaxUnavailable: "10%")),
            new WorkloadOptions("kube-system", "coredns", NodeOs.Linux, Replicas: 2, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2", MaxUnavailable: "1"),
        ],
        DaemonSets =
        [
            new DaemonSetOptions("kube-system", "kube-proxy-windows", NodeOs.Windows, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.2-windows"),
            new DaemonSetOptions("kube-system", "windows-exporter", NodeOs.Windows, "ghcr.io/prometheus-community/windows-exporter:0.29.2"),
            new DaemonSetOptions("kube-system", "kube-proxy", NodeOs.Linux, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.2-minimal-eksbuild.3"),
        ],
    };

    [Fact]
    public void The_fleet_file_describes_the_same_fleet()
    {
        var file = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-5000.json"));
        var code = FiveThousandNodes();

        Assert.Equal(code.Groups, file.Groups, (a, b) => a.Name == b.Name && a.Os == b.Os && a.Size == b.Size && a.MaxAgeDays == b.MaxAgeDays && a.Tags.SequenceEqual(b.Tags));
        Assert.Equal(code.Workloads, file.Workloads);
        Assert.Equal(code.DaemonSets, file.DaemonSets);
        Assert.Equal((code.ClusterName, code.Seed, code.Region), (file.ClusterName, file.Seed, file.Region));
    }

    [Fact]
    public async Task Five_thousand_windows_nodes_in_fifty_groups_seed_with_ten_running_pods_each()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var seeding = Stopwatch.StartNew();
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { TimeProvider = time }, FiveThousandNodes());
        output.WriteLine($"seeded {cluster.Fleet.Instances.Count} nodes and {cluster.Fleet.Pods} pods in {seeding.Elapsed.TotalSeconds:F1} s");

        var store = cluster.Server.Store;
        var windows = store.List("v1", "nodes", labelSelector: "kubernetes.io/os=windows");
        Assert.Equal(5000, windows.Count);
        Assert.Equal(50, windows.Select(n => n["metadata"]!["labels"]!["alpha.eksctl.io/nodegroup-name"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(50, cluster.Cloud.AutoScaling.DescribeAutoScalingGroups().Count(g => g.AutoScalingGroupName.StartsWith("eks-windows-", StringComparison.Ordinal)));

        var pods = store.List("v1", "pods");
        Assert.Equal(50_000 + 3 + 2, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", p["status"]!["phase"]!.GetValue<string>()));
        var perNode = pods.GroupBy(p => p["spec"]!["nodeName"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(windows, n => Assert.Equal(10, perNode[n["metadata"]!["name"]!.GetValue<string>()]));

        // The controllers' first step finds the seeded fleet as they would have made it (heartbeats aside).
        var step = Stopwatch.StartNew();
        Assert.Equal(0, cluster.Controllers!.Step());
        output.WriteLine($"first controller step {step.Elapsed.TotalSeconds:F1} s ({cluster.Controllers.HeartbeatWrites} heartbeat writes)");
        Assert.Equal(5003, store.List("coordination.k8s.io/v1", "leases", "kube-node-lease").Count);

        step.Restart();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, cluster.Controllers.Step());
        output.WriteLine($"a heartbeat step {step.Elapsed.TotalSeconds:F2} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
    }
}
