using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>
/// Cordons a node and drains it as <c>kubectl drain --ignore-daemonsets</c> does, through the Eviction API, tier by tier,
/// heartbeating the caller throughout; on timeout it waits or forces as the policy says.
/// </summary>
internal sealed class Drainer(INodeClient nodes, IPodClient pods, TimeProvider time, ILogger<Drainer> logger, DrainerSettings? settings = null, Random? random = null)
{
    private readonly DrainerSettings _settings = settings ?? new DrainerSettings();
    private readonly EvictionBackoff _backoff = CreateBackoff(settings ?? new DrainerSettings(), random ?? Random.Shared);

    /// <summary>Drains the node; <paramref name="cordoned"/> is told once when this drain cordons it (not when it already was).</summary>
    public async Task<DrainResult> DrainAsync(
        string nodeName, string policyName, DrainOptions options, DrainHeartbeat heartbeat, CancellationToken ct, Func<CancellationToken, Task>? cordoned = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(heartbeat);
        var run = new DrainRun(nodeName, options);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var beats = HeartbeatAsync(run, heartbeat, cts);
        try
        {
            return await RunAsync(run, policyName, cordoned, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.HeartbeatFailure is { } failure && !ct.IsCancellationRequested)
        {
            // The caller's heartbeat failed: its error, not our cancellation, is the story.
            failure.Throw();
            throw;
        }
        finally
        {
            // Cancel (not CancelAsync): the heartbeat loop then ends inline, and the drain with it.
#pragma warning disable CA1849
            cts.Cancel();
#pragma warning restore CA1849
            await beats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

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

    private async Task<DrainResult> RunAsync(DrainRun run, string policyName, Func<CancellationToken, Task>? cordoned, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + run.Options.Timeout;
        DateTimeOffset? forceUntil = null;
        var forceWaitSet = false;
        while (true)
        {
            var now = time.GetUtcNow();

            // 1. Cordon first, so nothing evicted lands back here. The timeout counts from our cordon's own time, so an
            //    operator restart does not start it again.
            if (!run.Cordoned)
            {
                deadline = await TryCordonAsync(run, policyName, deadline, cordoned, ct).ConfigureAwait(false);
            }

            var timedOut = now >= deadline;
            var forcing = timedOut && run.Options.OnTimeout == DrainTimeoutAction.Force;
            forceUntil ??= forcing ? now + _settings.ForceMargin : null;
            if (run.Cordoned || forcing)
            {
                var mustLeave = await TryListAsync(run, ct).ConfigureAwait(false);

                // 2. Only a successful list can say the node is empty: an API error never counts as drained.
                if (mustLeave is { Count: 0 })
                {
                    run.Observe([], new HashSet<PodKey>());
                    return Finish(run, run.ForceDeleted > 0 ? DrainOutcome.Forced : DrainOutcome.Drained);
                }

                if (mustLeave is not null && forcing)
                {
                    await ForceDeleteAsync(run, mustLeave, ct).ConfigureAwait(false);
                    if (!forceWaitSet)
                    {
                        // Deleted pods get their grace period (and a margin) to go before the drain stops waiting.
                        forceWaitSet = true;
                        var wait = now + Longest(mustLeave, run.Options) + _settings.ForceMargin;
                        forceUntil = wait > forceUntil ? wait : forceUntil;
                    }
                }
                else if (mustLeave is not null)
                {
                    await EvictTierAsync(run, mustLeave, now, ct).ConfigureAwait(false);
                }
            }

            run.Refresh();

            // 3. Out of time: Wait reports what holds the node; Force stops waiting once deleted pods had their grace.
            if (timedOut && !forcing)
            {
                return Finish(run, DrainOutcome.TimedOut);
            }

            if (forceUntil is { } until && now >= until)
            {
                return Finish(run, DrainOutcome.Forced);
            }

            await Task.Delay(NextWake(run, now, deadline, forceUntil), time, ct).ConfigureAwait(false);
        }
    }

    private async Task HeartbeatAsync(DrainRun run, DrainHeartbeat heartbeat, CancellationTokenSource cts)
    {
        var next = time.GetUtcNow() + heartbeat.Interval;
        try
        {
            while (true)
            {
                var wait = next - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(WholeMilliseconds(wait), time, cts.Token).ConfigureAwait(false);
                }

                await heartbeat.Callback(run.Progress, cts.Token).ConfigureAwait(false);
                next += heartbeat.Interval;
                var now = time.GetUtcNow();
                if (next <= now)
                {
                    next = now + heartbeat.Interval;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded before cancelling, so the drain sees why it was stopped.
            run.HeartbeatFailure = ExceptionDispatchInfo.Capture(e);
#pragma warning disable CA1849
            cts.Cancel();
#pragma warning restore CA1849
            throw;
        }
    }

    private async Task<DateTimeOffset> TryCordonAsync(
        DrainRun run, string policyName, DateTimeOffset deadline, Func<CancellationToken, Task>? cordoned, CancellationToken ct)
    {
        try
        {
            var node = await nodes.GetNodeAsync(run.NodeName, ct).ConfigureAwait(false);
            var result = await nodes.CordonAsync(run.NodeName, policyName, ct).ConfigureAwait(false);
            run.Cordoned = true;
            DrainerLog.Cordoned(logger, run.NodeName, result);
            if (result == CordonResult.Cordoned && cordoned is not null)
            {
                await cordoned(ct).ConfigureAwait(false);
            }

            return node is { CordonedBy: not null, CordonedAt: { } since } && since + run.Options.Timeout < deadline
                ? since + run.Options.Timeout
                : deadline;
        }
        catch (ClusterApiException e)
        {
            run.ApiFailed(e);
            DrainerLog.ApiFailed(logger, run.NodeName, e.Message);
            return deadline;
        }
    }

    private async Task<IReadOnlyList<ClusterPod>?> TryListAsync(DrainRun run, CancellationToken ct)
    {
        try
        {
            var listed = await pods.ListPodsOnNodeAsync(run.NodeName, ct).ConfigureAwait(false);
            return listed.Where(PodClassifier.MustLeave).ToList();
        }
        catch (ClusterApiException e)
        {
            run.ApiFailed(e);
            DrainerLog.ApiFailed(logger, run.NodeName, e.Message);
            return null;
        }
    }

    private async Task EvictTierAsync(DrainRun run, IReadOnlyList<ClusterPod> mustLeave, DateTimeOffset now, CancellationToken ct)
    {
        // 4. Pods whose emptyDir data may not be deleted block the whole drain, as kubectl refuses without
        //    --delete-emptydir-data; nothing is evicted until they leave or the policy allows it.
        var emptyDir = run.Options.DeleteEmptyDirData
            ? new HashSet<PodKey>()
            : mustLeave.Where(p => p.HasEmptyDir && !p.IsTerminating).Select(p => p.Key).ToHashSet();
        if (emptyDir.Count == 0)
        {
            // 5. One shutdown tier at a time: the next starts only when every pod of this one is gone.
            var tier = mustLeave.Min(PodClassifier.Tier);
            foreach (var pod in mustLeave.Where(p => PodClassifier.Tier(p) == tier && !p.IsTerminating))
            {
                var attempts = run.For(pod);
                if (!attempts.Removed && attempts.NextAttemptAt <= now)
                {
                    await EvictAsync(run, pod, attempts, now, ct).ConfigureAwait(false);
                }
            }
        }

        run.Observe(mustLeave, emptyDir);
    }

    private async Task EvictAsync(DrainRun run, ClusterPod pod, PodAttempts attempts, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var result = await pods.EvictPodAsync(pod.Key, run.Options.PodGracePeriod, ct).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case EvictionOutcome.Evicted or EvictionOutcome.Gone:
                    attempts.Succeeded(forced: false);
                    run.Evicted++;
                    DrainerLog.Evicted(logger, pod.Key.ToString(), run.NodeName);
                    break;
                case EvictionOutcome.Blocked:
                    // 429 is the PDB saying "not now": retry this pod with backoff while the others proceed
                    // (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/).
                    var budget = result.DisruptionBudget ?? await CoveringBudgetAsync(pod, ct).ConfigureAwait(false);
                    attempts.Refused(result with { DisruptionBudget = budget }, now + _backoff.Delay(attempts.Failures + 1));
                    DrainerLog.Blocked(logger, pod.Key.ToString(), budget ?? "unknown");
                    break;
                default:
                    attempts.Refused(result, now + _backoff.Delay(attempts.Failures + 1));
                    DrainerLog.EvictionRefused(logger, pod.Key.ToString(), result.StatusCode ?? 0, result.Message ?? "");
                    break;
            }
        }
        catch (ClusterApiException e)
        {
            run.ApiFailed(e);
            attempts.Failed(e.Message, now + _backoff.Delay(attempts.Failures + 1));
            DrainerLog.ApiFailed(logger, run.NodeName, e.Message);
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

    private async Task ForceDeleteAsync(DrainRun run, IReadOnlyList<ClusterPod> mustLeave, CancellationToken ct)
    {
        // 6. Force: delete what is left, budgets and emptyDir notwithstanding, each with its grace period. A pod already
        //    terminating is only hurried when the policy sets podGracePeriod.
        foreach (var pod in mustLeave)
        {
            var attempts = run.For(pod);
            if (attempts.ForceDeleted || (pod.IsTerminating && run.Options.PodGracePeriod is null))
            {
                continue;
            }

            try
            {
                await pods.DeletePodAsync(pod.Key, run.Options.PodGracePeriod ?? pod.TerminationGracePeriod, ct).ConfigureAwait(false);
                attempts.Succeeded(forced: true);
                run.ForceDeleted++;
                DrainerLog.ForceDeleted(logger, pod.Key.ToString(), run.NodeName);
            }
            catch (ClusterApiException e)
            {
                run.ApiFailed(e);
                attempts.Failed(e.Message, time.GetUtcNow());
            }
        }

        run.Observe(mustLeave, new HashSet<PodKey>());
    }

    private TimeSpan NextWake(DrainRun run, DateTimeOffset now, DateTimeOffset deadline, DateTimeOffset? forceUntil)
    {
        var wake = now + _settings.PollInterval;
        if (deadline > now && deadline < wake)
        {
            wake = deadline;
        }

        if (forceUntil is { } until && until > now && until < wake)
        {
            wake = until;
        }

        var retry = run.NextRetryAfter(now);
        if (retry is { } at && at < wake)
        {
            wake = at;
        }

        return WholeMilliseconds(wake - now);
    }

    /// <summary>Task.Delay rounds to milliseconds and completes at once below one, which would make a busy loop.</summary>
    private static TimeSpan WholeMilliseconds(TimeSpan span) => TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(span.TotalMilliseconds)));

    private static EvictionBackoff CreateBackoff(DrainerSettings settings, Random random) =>
        new(settings.EvictionBackoffBase, settings.EvictionBackoffCap, random);

    private static TimeSpan Longest(IReadOnlyList<ClusterPod> mustLeave, DrainOptions options) =>
        options.PodGracePeriod ?? mustLeave.Max(p => p.TerminationGracePeriod ?? TimeSpan.FromSeconds(30));

    private DrainResult Finish(DrainRun run, DrainOutcome outcome)
    {
        run.Refresh();
        var progress = run.Progress;
        DrainerLog.Finished(logger, run.NodeName, outcome, progress.Remaining.Count, string.Join(", ", progress.BlockingBudgets));
        return new DrainResult(outcome, progress);
    }
}
