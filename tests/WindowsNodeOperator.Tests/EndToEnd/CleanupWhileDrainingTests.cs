using System.Text.Json.Nodes;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The policy is deleted while a refresh runs and a PodDisruptionBudget holds a node's drain. Deleting a lifecycle hook
/// completes the actions waiting on it (CONTINUE for a terminating instance), so the drain hook must outlive the drain:
/// the cleanup cancels the refresh and keeps draining, the node's pods leave only as their budgets allow, the instance
/// goes only once they are gone, and the hooks and the finalizer go last.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class CleanupWhileDrainingTests(ITestOutputHelper output)
{
    private const string PolicyName = "windows-default";

    [Fact]
    public async Task Deleting_the_policy_mid_drain_finishes_the_drain_within_the_budgets_before_the_hooks_and_the_finalizer_go()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        try
        {
            // 1. Budgets that allow nothing: a drain evicts what it may, then waits with pods left.
            var node = await HeldDrains.UntilADrainIsHeldAsync(world);
            var instance = FleetFacts.InstanceId(world.Store.Find("v1", "nodes", null, node)!);
            var group = world.Cluster.Cloud.AutoScaling.DescribeAutoScalingInstances(instance).Single().AutoScalingGroupName;
            var held = PodsOn(world, node);
            Assert.NotEmpty(held);

            // 2. The policy is deleted: the finalizer holds it, the refresh is cancelled, the drain goes on (heartbeated).
            var deletedAt = world.Time.GetUtcNow();
            var delete = await world.Kubectl.RunAsync("delete", "wnp", PolicyName, "--wait=false");
            Assert.True(delete.ExitCode == 0, delete.ToString());
            world.Timeline.Note("test", $"policy {PolicyName} deleted while {node} ({instance}) drains");
            await world.RunForAsync(TimeSpan.FromMinutes(20));

            var deleting = world.Policy(PolicyName);
            Assert.NotNull(deleting["metadata"]?["deletionTimestamp"]);
            Assert.Contains("windowsnode.io/cleanup", (deleting["metadata"]?["finalizers"] as JsonArray)?.Select(f => f?.GetValue<string>()) ?? []);
            Assert.Equal(LifecycleState.TerminatingWait, world.Cluster.Cloud.AutoScaling.DescribeAutoScalingInstances(instance).Single().LifecycleState);
            Assert.Contains("windowsnode-drain", world.Cluster.Cloud.AutoScaling.DescribeLifecycleHooks(group).Select(h => h.LifecycleHookName));
            Assert.Contains(world.AwsCalls.Calls, c => c.Action == "CancelInstanceRefresh" && c.At >= deletedAt);
            Assert.Contains(world.AwsCalls.Calls, c => c.Action == "RecordLifecycleActionHeartbeat" && c.InstanceId == instance && c.At > deletedAt + TimeSpan.FromMinutes(5));
            Assert.Equal(held, PodsOn(world, node));

            // 3. The budgets relax: the drain ends, and then the policy goes.
            HeldDrains.SetBudgets(world, iisMinAvailable: 3, ordersMaxUnavailable: 1);
            world.Observers.Rebaseline();
            await world.RunUntilAsync(
                () => world.Store.Find(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural, null, PolicyName) is null,
                TimeSpan.FromHours(2),
                $"the policy {PolicyName} gone");
            world.PrintTimeline();

            // 4. Every pod held on the node was evicted before its instance was let go.
            var cloud = world.Cluster.Cloud.Timeline();
            var proceeded = cloud.Single(e => e.Subject == instance && e.What == "Terminating:Proceed").Time;
            var evicted = world.Requests.Writes
                .Where(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Status is >= 200 and < 300)
                .ToList();
            foreach (var pod in held)
            {
                var eviction = evicted.FirstOrDefault(w => w.Path.EndsWith($"/pods/{pod}/eviction", StringComparison.Ordinal));
                Assert.True(eviction is not null, $"pod {pod} on {node} was never evicted");
                Assert.True(eviction.At <= proceeded, $"{instance} went on to terminate at {proceeded:HH:mm:ss}, before {pod} was evicted at {eviction.At:HH:mm:ss}");
            }

            Assert.Contains(world.OperatorEvents, e => e.Reason == "NodeDrained" && e.Note.Contains(node, StringComparison.Ordinal));
            Assert.DoesNotContain(cloud, e => e.What.Contains("windowsnode-drain timed out", StringComparison.Ordinal));

            // 5. No hook was deleted with an action waiting on it, and the drain hook went only after this instance did.
            Assert.DoesNotContain(cloud, e => e.What.EndsWith("deleted while its action waited", StringComparison.Ordinal));
            var hookDeletes = world.AwsCalls.Calls.Where(c => c.Action == "DeleteLifecycleHook").ToList();
            var drainHookGone = hookDeletes.Single(c => c.Parameters["AutoScalingGroupName"] == group && c.Parameters["LifecycleHookName"] == "windowsnode-drain");
            Assert.True(drainHookGone.At > proceeded, $"drain hook of {group} deleted at {drainHookGone.At:HH:mm:ss}, the instance let go at {proceeded:HH:mm:ss}");
            foreach (var name in OperatorInSandbox.ManagedGroups)
            {
                Assert.DoesNotContain(world.Cluster.Cloud.AutoScaling.DescribeLifecycleHooks(name), h => h.LifecycleHookName.StartsWith("windowsnode-", StringComparison.Ordinal));
            }

            // 6. The finalizer went last, and nothing of the operator's is left cordoned.
            Assert.All(world.Store.List("v1", "nodes"), n => Assert.False(
                FleetFacts.IsCordoned(n) && n["metadata"]?["annotations"]?["windowsnode.io/cordoned-by"] is not null, FleetFacts.Name(n)));
            Assert.Empty(world.Observers.Violations);
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }


    /// <summary>The names of the budgeted workloads' pods on the node, sorted.</summary>
    private static List<string> PodsOn(OperatorInSandbox world, string node) =>
        world.Store.List("v1", "pods")
            .Where(p => p["spec"]?["nodeName"]?.GetValue<string>() == node && p["metadata"]?["namespace"]?.GetValue<string>() == "windows-apps")
            .Select(FleetFacts.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
}
