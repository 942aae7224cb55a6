using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Reconciliation.Termination;

/// <summary>
/// Every look, for each of the policy's instances in Terminating:Wait, the next non-blocking step: heartbeat the
/// lifecycle action when due, cordon, evict what may leave now, and complete the action once the node is empty or
/// the drain timeout passed with Force. Nothing is held between looks: the cordon, its time and the last heartbeat
/// are on the Node, the lifecycle state is in AWS, so a restarted or newly elected operator carries on from there.
/// </summary>
internal sealed class TerminationController(Drainer drainer, LifecycleActions actions, PolicyEvents events, ReconciliationMetrics metrics)
{
    public async Task<TerminationReport> StepAsync(PolicyContext context, Gathered gathered, Plan plan, List<Problem> problems, CancellationToken ct)
    {
        var hooked = context.Ledger.DrainHooks.ToHashSet(StringComparer.Ordinal);
        // From Auto Scaling's answer: an instance EC2 could not describe (a field missing) is drained all the same, after
        // those whose age is known.
        var facts = gathered.Snapshot.Instances.GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var terminating = gathered.InstancesIn(LifecycleStates.TerminatingWait)
            .Where(i => hooked.Contains(i.Group))
            .Select(i => facts.GetValueOrDefault(i.Id) ?? new InstanceFacts(i.Id, i.Group, string.Empty, DateTimeOffset.MaxValue, LifecycleStates.TerminatingWait))
            .OrderBy(i => i.OriginalLaunchTime)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        metrics.DrainsWaiting(context.Name, terminating.Select(i => i.Id).ToHashSet(StringComparer.Ordinal));

        // 1. The budget counts nodes, each once: those this policy cordoned (every drain begins with our cordon). A node of an
        //    AMI the policy holds as failed never served (the pods it was given never ran): it is out already, and draining it
        //    takes nothing more out. A rollback must be able to drain it while an old node's drain holds the budget, since
        //    that drain waits for the pods stuck on it.
        var maxUnavailable = plan.Budget?.MaxUnavailable ?? 1;
        var failedAmis = (gathered.Snapshot.FailedAmis ?? []).Select(f => f.ImageId).ToHashSet(StringComparer.Ordinal);
        var unserving = gathered.Snapshot.Instances
            .Where(i => failedAmis.Contains(i.ImageId))
            .Select(i => gathered.NodeOfInstance(i.Id)?.Metadata?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var taken = gathered.Nodes
            .Where(n => NodeReading.CordonedBy(n) == context.Name && !unserving.Contains(n.Metadata.Name))
            .Select(n => n.Metadata.Name)
            .ToHashSet(StringComparer.Ordinal);
        var options = DrainOptions.From(context.Policy.Spec.Drain);
        var draining = new List<string>();
        var waiting = 0;
        foreach (var instance in terminating)
        {
            // 2. A node that never registered has nothing to drain: let the termination go on now.
            if (gathered.NodeOfInstance(instance.Id) is not { } node)
            {
                await actions.CompleteAsync(instance.Group, instance.Id, ct).ConfigureAwait(false);
                continue;
            }

            // 3. Keep the action alive first, whatever else this look does (a drain may take longer than the hook's timeout).
            var current = ClusterMapping.ToNode(node);
            if (!await actions.HeartbeatIfDueAsync(instance.Group, instance.Id, current, ct).ConfigureAwait(false))
            {
                continue;
            }

            // 4. Beyond the budget the instance only waits (heartbeated) for a node's worth of room.
            var name = node.Metadata.Name;
            if (!unserving.Contains(name))
            {
                if (!taken.Contains(name) && taken.Count >= maxUnavailable)
                {
                    waiting++;
                    continue;
                }

                taken.Add(name);
            }

            var step = await drainer.StepAsync(current, context.Name, options, ct).ConfigureAwait(false);
            await ReportAsync(context, instance, node, step, options, gathered.Snapshot.Now, problems, ct).ConfigureAwait(false);
            if (!step.Finished)
            {
                draining.Add(name);
            }
        }

        return new TerminationReport(draining, waiting);
    }

    private async Task ReportAsync(
        PolicyContext context, InstanceFacts instance, V1Node node, DrainStep step, DrainOptions options, DateTimeOffset now, List<Problem> problems, CancellationToken ct)
    {
        var policy = context.Policy;
        var name = node.Metadata.Name;
        if (step.CordonedNow)
        {
            await events.NodeAsync(
                policy, node, EventTypes.Normal, EventReasons.NodeCordoned, "Drain",
                $"node {name} ({instance.Id}) cordoned: group {instance.Group} is terminating its instance", ct).ConfigureAwait(false);
        }

        switch (step.Outcome)
        {
            case DrainOutcome.Drained or DrainOutcome.Forced:
                // 5. Empty (or forced): let the termination go on. An action already gone was let go before (a restart).
                if (await actions.CompleteAsync(instance.Group, instance.Id, ct).ConfigureAwait(false) == LifecycleActionOutcome.Done)
                {
                    var cordonedAt = OperatorAnnotations.ReadTime(node.Metadata.Annotations?.AsReadOnly(), OperatorAnnotations.CordonedAt) ?? now;
                    metrics.NodeDrained(context.Name, instance.Group, instance.Id, step.Outcome.ToString(), now - cordonedAt);
                    await events.NodeAsync(
                        policy, node, EventTypes.Normal, EventReasons.NodeDrained, "Drain",
                        $"node {name} ({instance.Id}) drained ({step.Outcome}); termination continues", ct).ConfigureAwait(false);
                }

                break;
            case DrainOutcome.TimedOut:
                // 6. onTimeout: Wait. The node stays (heartbeated) until its pods can leave; say once what holds it.
                var message = DrainMessages.Blocked(name, instance.Id, step, options);
                if (!AlreadyReported(policy, name))
                {
                    metrics.DrainBlocked(context.Name, instance.Group, instance.Id);
                    await events.NodeAsync(policy, node, EventTypes.Warning, EventReasons.DrainBlocked, "Drain", message, ct).ConfigureAwait(false);
                }
                else
                {
                    metrics.DrainStillBlocked(context.Name, instance.Group, instance.Id);
                }

                problems.Add(new Problem(DegradedReasons.DrainBlocked, message));
                break;
        }
    }

    /// <summary>The status written by the last look already names this node's blocked drain: its Warning went then.</summary>
    private static bool AlreadyReported(WindowsNodePolicy policy, string node) =>
        policy.Status?.Conditions?.FirstOrDefault(c => c.Type == WindowsNodePolicyConditions.Degraded) is { Status: "True", Reason: DegradedReasons.DrainBlocked } degraded
        && degraded.Message?.Contains($"node {node} ", StringComparison.Ordinal) == true;
}
