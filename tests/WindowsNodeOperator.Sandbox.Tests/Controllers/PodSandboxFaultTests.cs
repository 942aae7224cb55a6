using WindowsNodeOperator.Sandbox.Fleet;
using static WindowsNodeOperator.Sandbox.Tests.Controllers.ControlledCluster;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>
/// A node booted from an AMI whose pod sandbox (pause) image is broken: Ready like any other, yet every pod bound there
/// stays ContainerCreating with kubelet's FailedCreatePodSandBox warning. And the observer that sees a node terminated
/// with pods still on it.
/// </summary>
public sealed class PodSandboxFaultTests
{
    private const string BrokenAmi = "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20";

    [Fact]
    public async Task Pods_on_a_node_of_a_broken_sandbox_AMI_never_start_while_the_node_is_Ready_and_a_sound_node_runs_them()
    {
        using var cluster = await SeedAsync(new FleetOptions { BrokenPodSandboxImages = [BrokenAmi] });
        var template = cluster.Windows.First(i => i.GroupName == "eks-windows-a");
        var broken = template with { InstanceId = "i-0b0b0b0b0b0b0b0b0", PrivateIp = "10.0.0.10", HostName = null, ImageName = BrokenAmi };
        var sound = template with { InstanceId = "i-0c0c0c0c0c0c0c0c0", PrivateIp = "10.0.0.11", HostName = null, ImageName = "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.10.15" };
        cluster.Controllers.InstanceBooted(broken);
        cluster.Controllers.InstanceBooted(sound);
        cluster.Advance(TimeSpan.FromMinutes(1));

        // 1. Both nodes are Ready: nothing a node reports tells the broken one apart.
        Assert.Equal("True", ConditionStatus(cluster.Node(broken.NodeName)!, "Ready"));
        Assert.Equal("True", ConditionStatus(cluster.Node(sound.NodeName)!, "Ready"));
        Assert.True(cluster.Controllers.IsPodSandboxBroken(broken.NodeName));
        Assert.False(cluster.Controllers.IsPodSandboxBroken(sound.NodeName));

        // 2. Pods evicted from the old nodes land on the two empty new ones (the fewest pods, then the first by name).
        foreach (var app in new[] { "iis-frontend", "orders-api" })
        {
            cluster.Evict("windows-apps", Name(cluster.Pods("windows-apps", app)[0]));
            cluster.Step();
        }

        cluster.Advance(TimeSpan.FromHours(1));
        var onBroken = cluster.PodsOn(broken.NodeName);
        var onSound = cluster.PodsOn(sound.NodeName);
        Assert.NotEmpty(onBroken);
        Assert.NotEmpty(onSound);

        // 3. An hour later the broken node's pods still wait in ContainerCreating, with kubelet's warning; the sound node's run.
        Assert.All(onBroken, p =>
        {
            Assert.Equal("Pending", Phase(p));
            Assert.Equal("False", ConditionStatus(p, "Ready"));
            Assert.Equal("ContainerCreating", p["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]!.GetValue<string>());
            Assert.Contains(cluster.EventsAbout("windows-apps", Name(p)), e => e.StartsWith("FailedCreatePodSandBox: Failed to create pod sandbox", StringComparison.Ordinal)
                && e.Contains("failed to get sandbox image", StringComparison.Ordinal));
        });
        Assert.All(onSound, p => Assert.Equal("True", ConditionStatus(p, "Ready")));

        // 4. By default no AMI is broken.
        Assert.Empty(new FleetOptions().BrokenPodSandboxImages);
    }

    [Fact]
    public async Task A_node_terminated_with_application_pods_on_it_is_seen_and_an_empty_one_is_not()
    {
        using var cluster = await SeedAsync();
        var busy = cluster.Windows.First(i => cluster.PodsOn(i.NodeName).Count > 0);
        var empty = cluster.Windows.First(i => cluster.PodsOn(i.NodeName).Count == 0);
        var pods = cluster.PodsOn(busy.NodeName).Select(Name).Order(StringComparer.Ordinal).ToList();

        cluster.Controllers.InstanceTerminated(empty.ProviderId);
        cluster.Controllers.InstanceTerminated(busy.ProviderId);

        var seen = Assert.Single(cluster.Controllers.NodesTerminatedWithPods);
        Assert.Contains($"node {busy.NodeName} terminated with {pods.Count} pod(s) on it", seen, StringComparison.Ordinal);
        Assert.All(pods, p => Assert.Contains(p, seen, StringComparison.Ordinal));
    }
}
