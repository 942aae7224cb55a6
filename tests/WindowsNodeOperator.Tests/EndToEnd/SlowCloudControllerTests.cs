using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// On <c>config/sandbox-fleet-slow-ccm.json</c> a new node registers tainted uninitialized, with no providerID, and turns
/// Ready long before the cloud controller manager initializes it three minutes later. The rollout completes: no launch is
/// let through before its node has its providerID, and every old node is drained.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class SlowCloudControllerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task With_a_slow_cloud_controller_manager_every_launch_waits_for_its_providerID_and_every_old_node_is_drained()
    {
        var fleet = FleetFile.Load(RepositoryRoot.Combine("config", "sandbox-fleet-slow-ccm.json"));
        Assert.Equal(TimeSpan.FromMinutes(3), fleet.Timings.NodeInitialization);
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.RollOutSamplePolicyAsync();

        // 1. The rollout's invariants: nothing missed, nothing twice, the observers never tripped.
        RolloutFinished.Check(world, ami);

        // 2. Every replacement's node was initialized by the cloud controller manager, and its launch was let go only after:
        //    the gate never took a node without its providerID for no node, nor for a launched one.
        var initialized = world.Cluster.Controllers!.NodesInitialized;
        var launches = world.AwsCalls.Calls
            .Where(c => c.Action.EndsWith("CompleteLifecycleAction", StringComparison.Ordinal)
                && c.Parameters.GetValueOrDefault("LifecycleHookName") == LifecycleHooks.Launch)
            .ToList();
        Assert.NotEmpty(launches);
        Assert.All(launches, c => Assert.Equal("CONTINUE", c.Parameters["LifecycleActionResult"]));
        var replacements = OperatorInSandbox.ManagedGroups.SelectMany(world.Instances).ToList();
        Assert.Equal(12, replacements.Count);
        foreach (var instance in replacements)
        {
            Assert.True(initialized.TryGetValue(instance.PrivateDnsName, out var at), $"{instance.PrivateDnsName} was never initialized");
            var completed = launches.Where(c => c.InstanceId == instance.InstanceId).ToList();
            Assert.NotEmpty(completed);
            Assert.All(completed, c => Assert.True(c.At >= at, $"{instance.InstanceId}'s launch completed at {c.At:O}, before its node got its providerID at {at:O}"));
            Assert.True(at - instance.LaunchTime >= fleet.Timings.InstanceBoot + fleet.Timings.NodeInitialization, $"{instance.InstanceId} initialized too early");
        }

        // 3. No drain skipped: each of the twelve old nodes was cordoned and drained before its instance went.
        var events = world.OperatorEvents.Where(e => e.Regarding == "WindowsNodePolicy/windows-default").ToList();
        Assert.Equal(12, events.Count(e => e.Reason == "NodeCordoned"));
        Assert.Equal(12, events.Count(e => e.Reason == "NodeDrained"));
        Assert.Equal(1, world.Observers.MaxCordonedSeen);
        output.WriteLine($"wall time {world.WallTime.TotalSeconds:F1}s");
    }
}
