using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// What a rollout of the sample policy must have left behind, however it was disturbed (a kill, AWS or Kubernetes faults):
/// nothing missed, nothing done twice, nothing left behind.
/// </summary>
internal static class RolloutFinished
{
    /// <summary>
    /// Asserts every invariant; returns the evictions accepted, one per pod. <paramref name="refreshesPerGroup"/>: two when
    /// the expired nodes go first on the current AMI and a new one soaks meanwhile.
    /// </summary>
    public static int Check(OperatorInSandbox world, string ami, int refreshesPerGroup = 1)
    {
        // 1. Nothing missed: every managed instance on the new AMI, each a Ready, uncordoned node.
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var instances = world.Instances(group);
            Assert.All(instances, i => Assert.Equal(ami, i.ImageId));
            var nodes = world.Nodes(group);
            Assert.Equal(instances.Select(i => i.InstanceId).Order(), nodes.Select(FleetFacts.InstanceId).Order());
            Assert.All(nodes, n => Assert.True(FleetFacts.IsReady(n) && !FleetFacts.IsCordoned(n), $"{FleetFacts.Name(n)} not Ready or cordoned"));
        }

        // 2. One refresh per group, successful and in the ledger: the operator knew it for its own, even when its start's
        //    answer was lost (it reads the refresh's desired configuration back).
        var annotations = world.Policy("windows-default")["metadata"]!["annotations"]!.AsObject()
            .ToDictionary(a => a.Key, a => a.Value!.GetValue<string>(), StringComparer.Ordinal);
        var ledger = PolicyLedger.Read(annotations);
        foreach (var group in OperatorInSandbox.ManagedGroups)
        {
            var refreshes = world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(group);
            Assert.True(refreshes.Count == refreshesPerGroup, $"{group}: {refreshes.Count} refreshes ({string.Join(", ", refreshes.Select(r => r.Status))})");
            Assert.All(refreshes, r => Assert.Equal(InstanceRefreshStatus.Successful, r.Status));
            Assert.All(refreshes, r => Assert.True(ledger.Started(r.InstanceRefreshId), $"{group}: refresh {r.InstanceRefreshId} is not in the ledger"));
        }

        // 3. No lifecycle action left to time out: each was completed (or heartbeated) in time.
        Assert.DoesNotContain(world.Cluster.Cloud.Timeline(), e => e.What.Contains("timed out", StringComparison.Ordinal));

        // 4. No pod evicted twice (an eviction accepted is a pod gone); one launch template version per group (a repeated
        //    CreateLaunchTemplateVersion carries the first one's client token, so AWS answers with the same version); the
        //    safety observers never tripped.
        var evictions = world.Requests.Writes.Where(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Status is >= 200 and < 300).ToList();
        Assert.All(evictions.GroupBy(e => e.Path), g => Assert.Single(g));
        var versions = world.AwsCalls.Calls.Where(c => c.Action == "CreateLaunchTemplateVersion").Select(c => c.Parameters["ClientToken"]).Distinct().Count();
        Assert.Equal(OperatorInSandbox.ManagedGroups.Length, versions);
        Assert.Empty(world.Observers.Violations);
        return evictions.Count;
    }
}
