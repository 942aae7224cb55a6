using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Scenario 5b: a published AMI whose nodes register and turn Ready but run no pod (its pod sandbox image is broken). The
/// launch gate lets its instances in, since nothing a node reports is wrong; the pods evicted from the first replaced node
/// land on the new node and stay ContainerCreating. Past refresh.podReadyTimeout the operator rolls the refresh back at the
/// first batch's checkpoint and holds the AMI, and no old node is terminated with pods still on it. The same fleet and
/// policy with a sound AMI completes the rollout.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class UnhealthyAmiTests(ITestOutputHelper output)
{
    private const string AmiName = "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20";
    private static readonly TimeSpan PodReadyTimeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task A_Ready_but_broken_AMI_is_rolled_back_after_the_first_batch_held_and_no_old_node_dies_with_pods()
    {
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: BusyFleet(brokenPodSandbox: true));
        var bad = world.Cluster.Cloud.PublishImage(world.WindowsAmiParameter, AmiName, world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        world.Observers.Unserving = world.Cluster.Controllers!.IsPodSandboxBroken;

        await world.ApplyAsync(StagedPolicy());
        try
        {
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
                    .Any(r => r.Status is InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.RollbackFailed or InstanceRefreshStatus.Failed),
                TimeSpan.FromHours(6),
                "the rollback to end");

            // Hours more: the old nodes still draining finish, and the operator must not try that AMI again anywhere.
            await world.RunForAsync(TimeSpan.FromHours(3));
        }
        finally
        {
            world.PrintTimeline();
        }

        // 1. One refresh to the bad AMI in all, rolled back by the operator (not failed by Auto Scaling).
        var started = Assert.Single(world.OperatorEvents, e => e.Reason == "InstanceRefreshStarted" && e.Note.Contains(bad, StringComparison.Ordinal)
            && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal)).Time;
        var refresh = Assert.Single(
            OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g)),
            r => r.Status is InstanceRefreshStatus.RollbackSuccessful or InstanceRefreshStatus.RollbackFailed or InstanceRefreshStatus.Failed);
        Assert.Equal(InstanceRefreshStatus.RollbackSuccessful, refresh.Status);
        var rollback = Assert.Single(world.AwsCalls.Calls, c => c.Action == "RollbackInstanceRefresh");

        // 2. The new nodes were Ready (the launch gate let them in): none was abandoned, so the evidence is the pods'.
        var cloud = world.Cluster.Cloud.Timeline();
        Assert.DoesNotContain(cloud, e => e.What.StartsWith("launch abandoned", StringComparison.Ordinal));
        var failed = Assert.Single(world.OperatorEvents, e => e.Reason == "AmiFailed" && e.Regarding.StartsWith("WindowsNodePolicy/", StringComparison.Ordinal));
        Assert.Equal("Warning", failed.Type);
        Assert.Contains(bad, failed.Note, StringComparison.Ordinal);
        Assert.Contains("new node(s) not Ready within refresh.podReadyTimeout 15m", failed.Note, StringComparison.Ordinal);
        Assert.Contains("windows-apps/iis-frontend-", failed.Note, StringComparison.Ordinal);
        Assert.Contains("ContainerCreating for", failed.Note, StringComparison.Ordinal);
        output.WriteLine($"refresh started {started:HH:mm:ss}, rolled back {rollback.At:HH:mm:ss}: {failed.Note}");

        // 3. The kubelet said why, as it does: FailedCreatePodSandBox on the pods bound to the new node.
        Assert.Contains(world.Store.List("v1", "events"), e => e["reason"]?.GetValue<string>() == "FailedCreatePodSandBox"
            && e["message"]!.GetValue<string>().Contains("failed to get sandbox image", StringComparison.Ordinal));

        // 4. Rolled back after the first batch: one old node taken out before the rollback, the rest waited at the checkpoint.
        var drainedBefore = world.OperatorEvents.Count(e => e.Reason == "NodeCordoned" && e.Regarding == "WindowsNodePolicy/windows-default"
            && e.Time < rollback.At);
        Assert.Equal(1, drainedBefore);
        Assert.True(rollback.At - started < TimeSpan.FromHours(1), $"rolled back {rollback.At - started} after the start, not at the first checkpoint");

        // 5. The AMI is held, with the evidence, in the ledger and the Degraded condition; no group runs it.
        var ledger = JsonNode.Parse(world.Policy("windows-default")["metadata"]!["annotations"]!["windowsnode.io/ledger"]!.GetValue<string>())!;
        Assert.Equal(bad, Assert.Single(ledger["failedAmis"]!.AsArray())!["imageId"]!.GetValue<string>());
        var degraded = world.Condition("windows-default", "Degraded")!;
        Assert.Equal("True", degraded["status"]!.GetValue<string>());
        Assert.Contains($"AMI {bad} is held", degraded["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(OperatorInSandbox.ManagedGroups.SelectMany(world.Instances), i => Assert.NotEqual(bad, i.ImageId));

        // 6. No node, old or new, was terminated with pods on it; every managed node is Ready again; the budgets held.
        Assert.Empty(world.Cluster.Controllers!.NodesTerminatedWithPods);
        Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Equal(6, world.Nodes(g).Count(FleetFacts.IsReady)));
        Assert.All(
            world.Store.List("v1", "pods").Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == "windows-apps"),
            p => Assert.Equal("Running", p["status"]!["phase"]!.GetValue<string>()));
        Assert.Empty(world.Observers.Violations);
    }

    [Fact]
    public async Task The_same_fleet_and_staged_policy_with_a_sound_AMI_complete_the_rollout()
    {
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: BusyFleet(brokenPodSandbox: false));
        var ami = world.Cluster.Cloud.PublishImage(world.WindowsAmiParameter, AmiName, world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(StagedPolicy());
        try
        {
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(20), "policy Ready after the rollout");
        }
        finally
        {
            world.PrintTimeline();
        }

        var evictions = RolloutFinished.Check(world, ami);
        Assert.DoesNotContain(world.OperatorEvents, e => e.Reason == "AmiFailed");
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.Action == "RollbackInstanceRefresh");
        Assert.Empty(world.Cluster.Controllers!.NodesTerminatedWithPods);
        output.WriteLine($"{evictions} evictions");
    }

    /// <summary>
    /// The default fleet, busier: two application pods on every Windows node, so the first node drained has pods for the new
    /// node to prove itself with (their budget lets a quarter go at once); with <paramref name="brokenPodSandbox"/>, the new
    /// AMI's pod sandbox image is broken.
    /// </summary>
    private static FleetOptions BusyFleet(bool brokenPodSandbox)
    {
        var fleet = new FleetOptions();
        return fleet with
        {
            Workloads =
            [
                new("windows-apps", "iis-frontend", NodeOs.Windows, Replicas: 28, "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", MaxUnavailable: "25%"),
                .. fleet.Workloads.Where(w => w.Os == NodeOs.Linux),
            ],
            BrokenPodSandboxImages = brokenPodSandbox ? [AmiName] : [],
        };
    }

    /// <summary>
    /// The sample policy staged: a checkpoint after the first batch (one node in six; Auto Scaling then waits its default
    /// hour), and each replacement launched before the node it replaces is drained (maxHealthyPercentage above 100), so the
    /// drained pods land on the new node and prove it within refresh.podReadyTimeout.
    /// </summary>
    private static string StagedPolicy()
    {
        var policy = OperatorInSandbox.SamplePolicyWithoutWindows();
        const string checkpoints = "    checkpointPercentages: [50, 100]\n";
        Assert.Contains(checkpoints, policy, StringComparison.Ordinal);
        return policy.Replace(
            checkpoints,
            $"    checkpointPercentages: [10, 50, 100]\n    maxHealthyPercentage: 150\n    podReadyTimeout: {(int)PodReadyTimeout.TotalMinutes}m\n",
            StringComparison.Ordinal);
    }
}
