using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation.Launch;

/// <summary>
/// Lets a new instance held by the operator's launch hook count as launched only once its Node is ready for work
/// (<see cref="LaunchReadiness"/>). Otherwise it is left in Pending:Wait: the hook's own timeout (launchTimeout)
/// abandons it, which fails the refresh and, with autoRollback, rolls the group back instead of replacing it with broken nodes.
/// Instances launched while the hook is still on after the refresh (its last replacements, a scale-out) are judged the
/// same way: the hook is deleted only once none waits, since deleting it would abandon them.
/// </summary>
internal sealed class LaunchGate(IAutoScaling autoScaling, IPodClient pods, ILogger<LaunchGate> logger)
{
    /// <returns>How many new instances are still held.</returns>
    public async Task<int> OpenAsync(PolicyContext context, Gathered gathered, CancellationToken ct)
    {
        var held = 0;
        var hooked = context.Ledger.LaunchHooks.ToHashSet(StringComparer.Ordinal);
        // From Auto Scaling's answer: whether EC2 could describe the instance does not change whether its node is ready.
        foreach (var instance in gathered.InstancesIn(LifecycleStates.PendingWait).Where(i => hooked.Contains(i.Group)))
        {
            if (await WaitingForAsync(context, gathered, instance.Id, ct).ConfigureAwait(false) is { } waiting)
            {
                ReconcilerLog.LaunchHeld(logger, instance.Id, instance.Group, waiting);
                held++;
                continue;
            }

            // An instance waiting on another hook only has no action of ours: AWS says so (NotActive), nothing to do.
            var outcome = await autoScaling.CompleteLifecycleActionAsync(
                LifecycleActionTarget.ForInstance(instance.Group, LifecycleHooks.Launch, instance.Id), LifecycleActionResult.Continue, ct)
                .ConfigureAwait(false);
            if (outcome == LifecycleActionOutcome.Done)
            {
                ReconcilerLog.Completed(logger, instance.Id, instance.Group, LifecycleHooks.Launch, "CONTINUE");
            }
        }

        return held;
    }

    private async Task<string?> WaitingForAsync(PolicyContext context, Gathered gathered, string instanceId, CancellationToken ct)
    {
        // Only a Ready node's own pods are read (its DaemonSets' pods must be Ready there); never the cluster's.
        var node = gathered.NodeOfInstance(instanceId);
        var onNode = node is not null && NodeReading.IsReady(node)
            ? await pods.ListPodObjectsOnNodeAsync(node.Metadata.Name, ct).ConfigureAwait(false)
            : [];
        return LaunchReadiness.WaitingFor(node, context.Policy.Spec.Refresh, gathered.DaemonSets, onNode);
    }
}
