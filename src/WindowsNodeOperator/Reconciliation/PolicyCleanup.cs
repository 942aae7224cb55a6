using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Undoes what the operator did for a policy being deleted: cancels its running refreshes, uncordons the nodes it
/// cordoned that are not leaving, deletes the hooks it put; then the finalizer goes.
/// </summary>
internal sealed class PolicyCleanup(IAutoScaling autoScaling, INodeClient nodes, PlanExecutor executor, FleetGatherer gatherer)
{
    public const string Finalizer = "windowsnode.io/cleanup";

    public async Task RunAsync(PolicyContext context, CancellationToken ct)
    {
        var finalizers = context.Policy.Metadata.Finalizers ?? [];
        if (!finalizers.Contains(Finalizer))
        {
            return;
        }

        var ledger = context.Ledger;
        var gathered = await gatherer.GatherAsync(context.Policy, ledger, ct).ConfigureAwait(false);

        // 1. Cancel the refreshes the operator started; a user's refresh is theirs.
        foreach (var group in gathered.Snapshot.Groups)
        {
            if (group.ActiveRefresh is { StartedByOperator: true } active && RefreshStatuses.IsCancellable(active.Status))
            {
                // None active any more is an answer, not a failure.
                await autoScaling.CancelInstanceRefreshAsync(group.Name, waitForTransitioningInstances: true, ct).ConfigureAwait(false);
            }
        }

        // 2. Uncordon our nodes whose instances are not on their way out.
        var leaving = gathered.Snapshot.Instances
            .Where(i => i.LifecycleState.StartsWith(LifecycleStates.Terminating, StringComparison.Ordinal))
            .Select(i => i.Id)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var node in gathered.Nodes.Where(n => NodeReading.CordonedBy(n) == context.Name))
        {
            if (NodeReading.InstanceId(node) is not { } id || !leaving.Contains(id))
            {
                await nodes.UncordonIfOursAsync(node.Metadata.Name, ct).ConfigureAwait(false);
            }
        }

        // 3. Delete the hooks it put, each forgotten as soon as it is gone.
        var existing = gathered.Groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in ledger.LaunchHooks)
        {
            if (existing.Contains(group))
            {
                await executor.DeleteHookAsync(group, LifecycleHooks.Launch, ct).ConfigureAwait(false);
            }

            await context.SaveAsync(context.Ledger.WithLaunchHook(group, false), ct).ConfigureAwait(false);
        }

        foreach (var group in ledger.DrainHooks)
        {
            if (existing.Contains(group))
            {
                await executor.DeleteHookAsync(group, LifecycleHooks.Drain, ct).ConfigureAwait(false);
            }

            await context.SaveAsync(context.Ledger.WithDrainHook(group, false), ct).ConfigureAwait(false);
        }

        // 4. Only now may the policy go.
        await context.SetFinalizersAsync(finalizers.Where(f => f != Finalizer).ToList(), ct).ConfigureAwait(false);
    }
}
