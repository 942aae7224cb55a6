using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Status;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Undoes what the operator did for a policy being deleted, one look at a time: cancels its running refreshes, uncordons
/// the nodes it cordoned that are not leaving, finishes the drains and launches waiting on its hooks, deletes each hook
/// once nothing waits on it; then the finalizer goes.
/// </summary>
internal sealed class PolicyCleanup(
    IAutoScaling autoScaling,
    INodeClient nodes,
    PlanExecutor executor,
    FleetGatherer gatherer,
    IHookDriver hooks,
    IStatusWriter statusWriter,
    TimeProvider time,
    ILogger<PolicyCleanup> logger)
{
    public const string Finalizer = "windowsnode.io/cleanup";

    /// <returns>Done once the finalizer is gone (or was never there); otherwise when to look again.</returns>
    public async Task<ReconcileResult> RunAsync(PolicyContext context, CancellationToken ct)
    {
        var finalizers = context.Policy.Metadata.Finalizers ?? [];
        if (!finalizers.Contains(Finalizer))
        {
            return ReconcileResult.Done;
        }

        var ledger = context.Ledger;
        var gathered = await gatherer.GatherAsync(context.Policy, ledger, ct).ConfigureAwait(false);
        var waiting = new List<string>();

        // 1. Cancel the refreshes the operator started; a user's refresh is theirs. Until one has ended (Cancelling lets
        //    the batch under way finish), it may still take instances through the hooks: they stay.
        foreach (var group in gathered.Snapshot.Groups)
        {
            if (group.ActiveRefresh is { StartedByOperator: true } active)
            {
                waiting.Add($"instance refresh {active.Id} of group {group.Name} is {active.Status}");
                if (RefreshStatuses.IsCancellable(active.Status))
                {
                    // None active any more is an answer, not a failure.
                    await autoScaling.CancelInstanceRefreshAsync(group.Name, waitForTransitioningInstances: true, ct).ConfigureAwait(false);
                }
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

        // 3. Deleting a hook completes the actions waiting on it at once: ABANDON a launch, CONTINUE a termination whose
        //    node still has pods, past every PodDisruptionBudget. So they are finished first, as in any look: drains step
        //    by step within the budgets, launches let go once their node is ready.
        //    https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DeleteLifecycleHook.html
        var plan = Planner.Plan(gathered.Snapshot);
        var problems = new List<Problem>();
        var report = plan.Problems.Count == 0
            ? await hooks.DriveAsync(context, gathered, plan, problems, ct).ConfigureAwait(false)
            : HookReport.None;

        // 4. Delete each hook nothing waits on (nor may: the group's refresh by the operator has ended), each forgotten as
        //    soon as it is gone. An instance completed in step 3 still shows as waiting: its hook goes at the next look.
        var ending = gathered.Snapshot.Groups.Where(g => g.ActiveRefresh is { StartedByOperator: true }).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in ledger.LaunchHooks)
        {
            if (await DeleteUnlessWaitingAsync(gathered, ending, group, LifecycleHooks.Launch, waiting, ct).ConfigureAwait(false))
            {
                await context.SaveAsync(context.Ledger.WithLaunchHook(group, false), ct).ConfigureAwait(false);
            }
        }

        foreach (var group in ledger.DrainHooks)
        {
            if (await DeleteUnlessWaitingAsync(gathered, ending, group, LifecycleHooks.Drain, waiting, ct).ConfigureAwait(false))
            {
                await context.SaveAsync(context.Ledger.WithDrainHook(group, false), ct).ConfigureAwait(false);
            }
        }

        // 5. Something still waits: say what, and look again soon (that look is the next drain step).
        if (waiting.Count > 0)
        {
            var what = string.Join("; ", waiting);
            ReconcilerLog.CleanupWaiting(logger, context.Name, what);
            var deleting = plan with { Action = new Wait(WaitReason.Deleting, $"the policy is being deleted; its finalizer stays while {what}") };
            var status = PolicyStatusBuilder.Build(context.Policy, gathered, deleting, context.Ledger, problems, report, time.GetUtcNow());
            await statusWriter.WriteAsync(PolicyReconciler.PolicyType, ObjectKey.From(context.Policy), status, context.Policy.Metadata.Generation, ct)
                .ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(PolicyReconciler.Poll);
        }

        // 6. Only now may the policy go.
        await context.SetFinalizersAsync(finalizers.Where(f => f != Finalizer).ToList(), ct).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <returns>Whether the hook is gone (deleted now, or its group is); false while something waits on it.</returns>
    private async Task<bool> DeleteUnlessWaitingAsync(
        Gathered gathered, HashSet<string> ending, string group, string hook, List<string> waiting, CancellationToken ct)
    {
        if (gathered.Groups.FirstOrDefault(g => g.Name == group) is not { } described)
        {
            return true;
        }

        if (ending.Contains(group))
        {
            return false;
        }

        var instances = LifecycleHooks.WaitingOn(described, hook);
        if (instances.Count > 0)
        {
            waiting.Add($"{string.Join(", ", instances)} of group {group} wait on hook {hook}");
            return false;
        }

        await executor.DeleteHookAsync(group, hook, ct).ConfigureAwait(false);
        return true;
    }
}
