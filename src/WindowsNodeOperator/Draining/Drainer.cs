using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>
/// Drains a node as <c>kubectl drain --ignore-daemonsets</c> does, one non-blocking step per call: cordon, then evict
/// what may leave now, tier by tier; on timeout wait or force as the policy says. Nothing is kept between steps: what
/// the next step needs is on the Node (the cordon and its time) and in the pods (an evicted pod is terminating).
/// </summary>
internal sealed class Drainer(INodeClient nodes, IPodClient pods, TimeProvider time, ILogger<Drainer> logger)
{
    private readonly DrainClock _clock = new(time);
    private readonly CapacityCheck _capacity = new(pods);

    /// <summary>Takes the next step of the node's drain; <paramref name="node"/> may be a cached copy.</summary>
    public async Task<DrainStep> StepAsync(ClusterNode node, string policyName, DrainOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();

        // 1. Cordon first, so nothing evicted lands back here; while the cordon fails, nothing is evicted.
        bool cordonedNow;
        DateTimeOffset since;
        try
        {
            (cordonedNow, since) = await CordonAsync(node, policyName, now, ct).ConfigureAwait(false);
        }
        catch (ClusterApiException e)
        {
            DrainerLog.ApiFailed(logger, node.Name, e.Message);
            return new DrainStep(DrainOutcome.Draining, new DrainProgress(node.Name, false, [], 0, e.Message), false, null);
        }

        // 2. The timeout counts from the cordon's own time, so an operator that restarts does not start it again; within
        //    this process on the monotonic clock (DrainClock), so a step of the wall clock neither forces nor holds it.
        var elapsed = _clock.Elapsed(node.Name, since);
        var deadline = now + (options.Timeout - elapsed);
        var timedOut = elapsed >= options.Timeout;
        var forcing = timedOut && options.OnTimeout == DrainTimeoutAction.Force;
        List<ClusterPod> mustLeave;
        try
        {
            // 2a. On a node that is not Ready no kubelet confirms a deletion: a pod whose grace period has ended stays
            //     Terminating until the Node object goes, which only the instance's termination brings about. It is not
            //     waited for (kubectl drain --skip-wait-for-delete-timeout; https://kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/).
            mustLeave = (await pods.ListPodsOnNodeAsync(node.Name, ct).ConfigureAwait(false))
                .Where(p => PodClassifier.MustLeave(p) && !(!node.Ready && PastGrace(p, now)))
                .ToList();
        }
        catch (ClusterApiException e)
        {
            // Only a successful list can say the node is empty: an API error never counts as drained.
            DrainerLog.ApiFailed(logger, node.Name, e.Message);
            var outcome = timedOut && !forcing ? DrainOutcome.TimedOut : DrainOutcome.Draining;
            return new DrainStep(outcome, new DrainProgress(node.Name, true, [], 0, e.Message), cordonedNow, deadline);
        }

        if (mustLeave.Count == 0)
        {
            return Finish(DrainOutcome.Drained, new DrainProgress(node.Name, true, [], 0, null), cordonedNow, deadline);
        }

        // 3. Out of time with Force: delete what is left; the lifecycle action completes with this step.
        if (forcing)
        {
            var progress = await ForceDeleteAsync(node.Name, mustLeave, options, now, ct).ConfigureAwait(false);
            return Finish(progress.LastApiError is null ? DrainOutcome.Forced : DrainOutcome.Draining, progress, cordonedNow, deadline);
        }

        // 4. Evict what may leave now; with Wait past the timeout, one more pass, then say what holds the node.
        var evicted = await EvictAsync(node.Name, mustLeave, options, now, ct).ConfigureAwait(false);
        return Finish(timedOut ? DrainOutcome.TimedOut : DrainOutcome.Draining, evicted, cordonedNow, deadline);
    }

    private static bool PastGrace(ClusterPod pod, DateTimeOffset now) => pod.IsTerminating && pod.DeletionTimestamp is { } end && end <= now;

    private static PendingPod Terminating(ClusterPod pod, DateTimeOffset now) =>
        PastGrace(pod, now)
            ? new PendingPod(pod.Key, PendingReason.StuckTerminating,
                Message: $"its grace period ended at {OperatorAnnotations.FormatTime(pod.DeletionTimestamp!.Value)} and its kubelet has not removed it")
            : new PendingPod(pod.Key, PendingReason.Terminating);

    /// <summary>Removes our cordon from a node whose replacement was called off; false when the cordon was not ours.</summary>
    public async Task<bool> UncordonIfOursAsync(string nodeName, CancellationToken ct)
    {
        var uncordoned = await nodes.UncordonIfOursAsync(nodeName, ct).ConfigureAwait(false);
        if (uncordoned)
        {
            DrainerLog.Uncordoned(logger, nodeName);
        }

        return uncordoned;
    }

    /// <summary>Cordons unless cordoned; returns whether this step did, and the time the drain's clock starts from.</summary>
    private async Task<(bool CordonedNow, DateTimeOffset Since)> CordonAsync(ClusterNode node, string policyName, DateTimeOffset now, CancellationToken ct)
    {
        if (node.Unschedulable && node.CordonedBy is not null)
        {
            return (false, node.CordonedAt ?? now);
        }

        var result = node.Unschedulable ? CordonResult.CordonedByOthers : await nodes.CordonAsync(node.Name, policyName, ct).ConfigureAwait(false);
        DrainerLog.Cordoned(logger, node.Name, result);
        switch (result)
        {
            case CordonResult.Cordoned:
                return (true, now);
            case CordonResult.AlreadyOurs:
                return (false, node.CordonedAt ?? now);
            default:
                // Someone else's cordon carries no time of ours: the drain records when it began, once.
                if (node.DrainStartedAt is { } started)
                {
                    return (false, started);
                }

                await nodes.AnnotateAsync(
                    node.Name, new Dictionary<string, string> { [OperatorAnnotations.DrainStartedAt] = OperatorAnnotations.FormatTime(now) }, ct)
                    .ConfigureAwait(false);
                return (false, now);
        }
    }

    private async Task<DrainProgress> EvictAsync(string nodeName, IReadOnlyList<ClusterPod> mustLeave, DrainOptions options, DateTimeOffset now, CancellationToken ct)
    {
        // 5. Pods whose emptyDir data may not be deleted block the whole drain, as kubectl refuses without
        //    --delete-emptydir-data; nothing is evicted until they leave or the policy allows it.
        var emptyDir = options.DeleteEmptyDirData
            ? new HashSet<PodKey>()
            : mustLeave.Where(p => p.HasEmptyDir && !p.IsTerminating).Select(p => p.Key).ToHashSet();
        var pending = new List<PendingPod>();
        var evicted = 0;
        string? apiError = null;
        var tier = mustLeave.Min(PodClassifier.Tier);
        foreach (var pod in mustLeave)
        {
            // 6. An evicted pod is terminating: it is only waited for, never evicted again (after a restart neither). One
            //    still there past its grace period on this (Ready) node is stuck, and is named so.
            if (pod.IsTerminating)
            {
                pending.Add(Terminating(pod, now));
                continue;
            }

            if (emptyDir.Count > 0)
            {
                pending.Add(new PendingPod(pod.Key, emptyDir.Contains(pod.Key) ? PendingReason.EmptyDirData : PendingReason.Waiting));
                continue;
            }

            // 7. One shutdown tier at a time: the next starts only when every pod of this one is gone.
            if (PodClassifier.Tier(pod) != tier)
            {
                pending.Add(new PendingPod(pod.Key, PendingReason.Waiting));
                continue;
            }

            try
            {
                var result = await pods.EvictPodAsync(pod.Key, options.PodGracePeriod, ct).ConfigureAwait(false);
                pending.Add(await PendingAfterAsync(nodeName, pod, result, ct).ConfigureAwait(false));
                evicted += result.Outcome is EvictionOutcome.Evicted or EvictionOutcome.Gone ? 1 : 0;
            }
            catch (ClusterApiException e)
            {
                apiError = e.Message;
                DrainerLog.ApiFailed(logger, nodeName, e.Message);
                pending.Add(new PendingPod(pod.Key, PendingReason.EvictionFailed, Message: e.Message));
            }
        }

        // 8. A budget that refuses because the pods evicted before cannot be placed anywhere is named as capacity.
        return new DrainProgress(nodeName, true, await _capacity.ExplainAsync(pending, ct).ConfigureAwait(false), evicted, apiError);
    }

    private async Task<PendingPod> PendingAfterAsync(string nodeName, ClusterPod pod, EvictionResult result, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case EvictionOutcome.Evicted or EvictionOutcome.Gone:
                DrainerLog.Evicted(logger, pod.Key.ToString(), nodeName);
                return new PendingPod(pod.Key, PendingReason.Terminating);
            case EvictionOutcome.Blocked:
                // 429 is the PDB saying "not now": this pod is tried again at the next look while the others proceed
                // (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/).
                var budget = result.DisruptionBudget ?? await CoveringBudgetAsync(pod, ct).ConfigureAwait(false);
                DrainerLog.Blocked(logger, pod.Key.ToString(), budget ?? "unknown");
                return new PendingPod(pod.Key, PendingReason.BlockedByBudget, budget, result.Message);
            default:
                DrainerLog.EvictionRefused(logger, pod.Key.ToString(), result.StatusCode ?? 0, result.Message ?? string.Empty);
                return new PendingPod(pod.Key, PendingReason.EvictionFailed, Message: $"{result.StatusCode} {result.Message}");
        }
    }

    /// <summary>The server named no budget in its 429: find the one whose selector covers the pod, if we can.</summary>
    private async Task<string?> CoveringBudgetAsync(ClusterPod pod, CancellationToken ct)
    {
        try
        {
            var budgets = await pods.ListDisruptionBudgetsAsync(pod.Key.Namespace, ct).ConfigureAwait(false);
            return budgets.FirstOrDefault(b => b.Covers(pod))?.Name;
        }
        catch (ClusterApiException)
        {
            return null;
        }
    }

    private async Task<DrainProgress> ForceDeleteAsync(
        string nodeName, IReadOnlyList<ClusterPod> mustLeave, DrainOptions options, DateTimeOffset now, CancellationToken ct)
    {
        // 9. Force: delete what is left, budgets and emptyDir notwithstanding, each with its grace period. A pod already
        //    terminating is only hurried when the policy sets podGracePeriod; one stuck past its grace period is deleted with
        //    grace period 0 (kubectl delete --force --grace-period=0), since no kubelet will: its name is freed for a
        //    StatefulSet's replacement (https://kubernetes.io/docs/tasks/run-application/force-delete-stateful-set-pod/).
        string? apiError = null;
        var pending = new List<PendingPod>();
        foreach (var pod in mustLeave)
        {
            var stuck = PastGrace(pod, now);
            if (!pod.IsTerminating || stuck || options.PodGracePeriod is not null)
            {
                try
                {
                    var grace = stuck ? TimeSpan.Zero : options.PodGracePeriod ?? pod.TerminationGracePeriod;
                    await pods.DeletePodAsync(pod.Key, grace, ct).ConfigureAwait(false);
                    DrainerLog.ForceDeleted(logger, pod.Key.ToString(), nodeName);
                }
                catch (ClusterApiException e)
                {
                    // A refused delete (403: the ClusterRole lacks pods delete) would otherwise leave the node silently undrained.
                    DrainerLog.ApiFailed(logger, nodeName, e.Message);
                    apiError = e.Message;
                    pending.Add(new PendingPod(pod.Key, PendingReason.EvictionFailed, Message: e.Message));
                    continue;
                }
            }

            pending.Add(new PendingPod(pod.Key, PendingReason.Terminating));
        }

        return new DrainProgress(nodeName, true, pending, 0, apiError);
    }

    private DrainStep Finish(DrainOutcome outcome, DrainProgress progress, bool cordonedNow, DateTimeOffset deadline)
    {
        if (outcome is DrainOutcome.Drained or DrainOutcome.Forced)
        {
            _clock.Forget(progress.NodeName);
        }

        DrainerLog.Finished(logger, progress.NodeName, outcome, progress.Remaining.Count, string.Join(", ", progress.BlockingBudgets));
        return new DrainStep(outcome, progress, cordonedNow, deadline);
    }
}
