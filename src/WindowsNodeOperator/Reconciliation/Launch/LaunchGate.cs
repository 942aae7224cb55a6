using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation.Launch;

/// <summary>
/// Lets a new instance of the operator's refresh count as launched only once its Node is ready for work
/// (<see cref="LaunchReadiness"/>). Otherwise it is left in Pending:Wait: the hook's own timeout (launchTimeout)
/// abandons it, which fails the refresh and, with autoRollback, rolls the group back instead of replacing it with broken nodes.
/// </summary>
internal sealed class LaunchGate(IAutoScaling autoScaling, IPodClient pods, ILogger<LaunchGate> logger)
{
    /// <returns>How many new instances are still held.</returns>
    public async Task<int> OpenAsync(PolicyContext context, Gathered gathered, CancellationToken ct)
    {
        var held = 0;
        var refreshing = gathered.Snapshot.Groups
            .Where(g => g.ActiveRefresh is { StartedByOperator: true } && context.Ledger.LaunchHooks.Contains(g.Name))
            .Select(g => g.Name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var instance in gathered.Snapshot.Instances.Where(i => i.LifecycleState == LifecycleStates.PendingWait && refreshing.Contains(i.Group)))
        {
            if (await WaitingForAsync(context, gathered, instance.Id, ct).ConfigureAwait(false) is { } waiting)
            {
                ReconcilerLog.LaunchHeld(logger, instance.Id, instance.Group, waiting);
                held++;
                continue;
            }

            await autoScaling.CompleteLifecycleActionAsync(
                LifecycleActionTarget.ForInstance(instance.Group, LifecycleHooks.Launch, instance.Id), LifecycleActionResult.Continue, ct)
                .ConfigureAwait(false);
            ReconcilerLog.Completed(logger, instance.Id, instance.Group, LifecycleHooks.Launch, "CONTINUE");
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
