using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Every look: a drain for each of the policy's instances in Terminating:Wait, within the policy-wide budget (nodes the
/// operator has cordoned count against it); heartbeats for those beyond it; the launch gate for new instances.
/// </summary>
internal sealed class HookDriver(DrainCoordinator drains, LaunchGate launches) : IHookDriver
{
    public async Task<HookReport> DriveAsync(PolicyContext context, Gathered gathered, Plan plan, List<Problem> problems, CancellationToken ct)
    {
        var policy = context.Policy;
        var hooked = context.Ledger.DrainHooks.ToHashSet(StringComparer.Ordinal);
        var terminating = gathered.Snapshot.Instances
            .Where(i => i.LifecycleState == LifecycleStates.TerminatingWait && hooked.Contains(i.Group))
            .OrderBy(i => i.OriginalLaunchTime)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        drains.Prune(context.Name, terminating.Select(i => i.Id).ToHashSet(StringComparer.Ordinal));

        // 1. The budget counts nodes, each once: those cordoned by this policy, and those being drained.
        var maxUnavailable = plan.Budget?.MaxUnavailable ?? 1;
        var taken = gathered.Nodes
            .Where(n => NodeReading.CordonedBy(n) == context.Name)
            .Select(n => n.Metadata.Name)
            .Concat(drains.Jobs(context.Name).Where(j => j.Running).Select(j => j.Node))
            .ToHashSet(StringComparer.Ordinal);
        var options = DrainOptions.From(policy.Spec.Drain);
        var draining = new List<string>();
        var waiting = 0;
        foreach (var instance in terminating)
        {
            // 2. A node that never registered has nothing to drain: let the termination go on now.
            if (gathered.NodeOfInstance(instance.Id) is not { } node)
            {
                await drains.CompleteAsync(instance.Group, instance.Id, ct).ConfigureAwait(false);
                continue;
            }

            var name = node.Metadata.Name;
            if (drains.Find(instance.Id) is { Blocked: { } blocked } job)
            {
                problems.Add(new Problem(DegradedReasons.DrainBlocked, DrainCoordinator.BlockedMessage(job, blocked, options)));
            }

            // 3. Within the budget (or already counted in it): drain. Beyond it: only keep the hook from expiring.
            if (taken.Contains(name) || taken.Count < maxUnavailable)
            {
                taken.Add(name);
                drains.Start(policy, instance.Group, instance.Id, node, options);
                draining.Add(name);

                // A drain past its timeout (onTimeout: Wait) ends at once each look, before its own heartbeat is due:
                // keep the hook alive here, or its timeout would let the node go with its pods.
                await drains.HeartbeatIfDueAsync(instance.Group, instance.Id, ct).ConfigureAwait(false);
            }
            else
            {
                waiting++;
                await drains.HeartbeatIfDueAsync(instance.Group, instance.Id, ct).ConfigureAwait(false);
            }
        }

        // 4. New instances of the operator's refresh.
        var held = await launches.OpenAsync(context, gathered, ct).ConfigureAwait(false);
        return new HookReport(draining, waiting, held);
    }
}
