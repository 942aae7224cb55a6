using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Monitoring;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Status;
using WindowsNodeOperator.Runtime.Watching;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>Reconciles one WindowsNodePolicy: gather, plan, act, drive the hooks, report.</summary>
internal sealed class PolicyReconciler(
    IResourceCache<WindowsNodePolicy> policies,
    IPolicyClient client,
    FleetGatherer gatherer,
    PlanExecutor executor,
    DoNotDisruptCheck doNotDisrupt,
    NewNodePods newNodePods,
    IHookDriver hooks,
    PolicyCleanup cleanup,
    IStatusWriter statusWriter,
    PolicyEvents events,
    ReconciliationMetrics metrics,
    TimeProvider time,
    PolicyKeyIndex index,
    GroupOwnership ownership,
    UnmatchedNodes unmatched,
    SkippedItemReports skippedItems,
    ILogger<PolicyReconciler> logger) : IReconciler<WindowsNodePolicy>
{
    public static readonly ResourceType PolicyType = new(
        WindowsNodePolicy.KubeGroup, WindowsNodePolicy.KubeVersion, WindowsNodePolicy.KubePlural, WindowsNodePolicy.KubeKind, Namespaced: false);

    /// <summary>How soon to look again while a refresh, drain or held launch is under way.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);

    /// <summary>How long to leave AWS alone after it kept throttling past every retry.</summary>
    public static readonly TimeSpan ThrottledBackoff = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken ct)
    {
        index.Bind(policies);

        // 1. Gone: nothing to do. Being deleted: undo what we did, a step a look (drains waiting on a hook included), then let it go.
        if (!policies.TryGet(key, out var cached))
        {
            metrics.Forget(key.Name);
            skippedItems.Forget(key.Name);
            return ReconcileResult.Done;
        }

        var context = new PolicyContext(cached, client);
        if (cached.Metadata.DeletionTimestamp is not null)
        {
            var cleaned = await cleanup.RunAsync(context, ct).ConfigureAwait(false);
            if (cleaned.Requeue is null)
            {
                metrics.Forget(key.Name);
            }

            return cleaned;
        }

        // 2. The finalizer first, so a deletion can never skip the cleanup.
        var finalizers = cached.Metadata.Finalizers ?? [];
        if (!finalizers.Contains(PolicyCleanup.Finalizer))
        {
            await context.SetFinalizersAsync([.. finalizers, PolicyCleanup.Finalizer], ct).ConfigureAwait(false);
        }

        var problems = new List<Problem>();
        try
        {
            return await ReconcilePolicyAsync(context, problems, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (AwsErrorClassifier.Classify(e) == AwsErrorKind.Throttled)
        {
            // 3. Retries are spent and AWS still throttles: report it and come back later, not in a tight loop.
            ReconcilerLog.Throttled(logger, key.Name, e.Message);
            await WriteDegradedAsync(context, DegradedReasons.AwsThrottled, $"AWS keeps throttling the operator's calls: {e.Message}", ct).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(ThrottledBackoff);
        }
        catch (AwsAnswerMalformedException e)
        {
            // 3a. An answer that could not be read: nothing of it was used and nothing was done from it. Said in Degraded, then
            //     the look fails, to be retried with backoff; the next good look clears it.
            await WriteDegradedAsync(context, AwsAnswerMalformedReason, e.Message, ct).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The Degraded reason while an AWS answer cannot be read.</summary>
    public const string AwsAnswerMalformedReason = "AwsAnswerMalformed";

    private async Task<ReconcileResult> ReconcilePolicyAsync(PolicyContext context, List<Problem> problems, CancellationToken ct)
    {
        var before = context.Policy.Status;
        var spec = context.Policy.Spec;

        // 3. Gather and plan; the plan acts only on groups carrying this cluster's ownership tags.
        var gathered = await gatherer.GatherAsync(context.Policy, context.Ledger, ct).ConfigureAwait(false);
        gathered = gathered with { Snapshot = gathered.Snapshot with { Ownership = ownership } };
        await skippedItems.ReportAsync(context.Policy, gathered.Skipped, ct).ConfigureAwait(false);
        if (gathered.FinishedRefreshes.Count > 0)
        {
            // Seen finished: recorded, so later looks read how it ended from the ledger instead of asking AWS again. One that
            // failed for its AMI holds that AMI from now on, whatever AWS keeps of it (six weeks of refreshes).
            var ledger = gathered.FinishedRefreshes.Aggregate(context.Ledger, (l, r) => l.WithRefresh(r.Key, r.Value));
            foreach (var held in gathered.Snapshot.FailedAmis ?? [])
            {
                ledger = ledger.WithFailedAmi(new LedgerFailedAmi(held.ImageId, held.Group, held.RefreshId, held.Reason, held.FailedAt));
            }

            await context.SaveAsync(ledger, ct).ConfigureAwait(false);
        }

        // The pods of a running refresh's new nodes, which prove its AMI runs work or not.
        gathered = await newNodePods.ReadAsync(gathered, ct).ConfigureAwait(false);
        var (confirmed, plan) = await doNotDisrupt.ConfirmAsync(gathered, Planner.Plan(gathered.Snapshot), ct).ConfigureAwait(false);
        gathered = confirmed;
        var valid = plan.Problems.Count == 0 && !gathered.AmiParameterInvalid;

        // Selected nodes that are no instance at all are skipped by the plan; which and why goes to status and, once, an event.
        // An invalid spec judges no node: the status keeps what it said before.
        if (plan.Problems.Count == 0)
        {
            gathered = gathered with { Unmatched = await unmatched.FindAsync(gathered, plan, ct).ConfigureAwait(false) };
        }
        var hands = valid && !spec.Disruption.DryRun && !spec.Disruption.Paused;

        // 4. Say why work is due before doing it: expiry and drift come before the template, refresh and drain events.
        var found = PolicyStatusBuilder.Build(context.Policy, gathered, plan, context.Ledger, problems, HookReport.None, time.GetUtcNow());
        await events.FindingsAsync(context.Policy, before, found, gathered, plan, ct).ConfigureAwait(false);

        // 5. Act: tidy what earlier looks left, then the one action. An invalid spec acts on nothing.
        var launchHooksKept = valid ? await executor.RemoveFinishedLaunchHooksAsync(context, gathered, ct).ConfigureAwait(false) : 0;

        if (hands)
        {
            await executor.EnsureDrainHooksAsync(context, plan, ct).ConfigureAwait(false);
            await executor.ResumeReplacementsAsync(context, gathered, plan, ct).ConfigureAwait(false);
            await executor.RestoreHeldTemplatesAsync(context, gathered, ct).ConfigureAwait(false);
        }

        if (valid && plan.Action.Changes)
        {
            ReconcilerLog.Acting(logger, context.Name, ActionText.Describe(plan.Action));
            plan = await executor.ActAsync(context, gathered, plan, problems, ct).ConfigureAwait(false);
        }

        // 6. The hooks, every look, whatever the plan's action.
        var report = valid
            ? await hooks.DriveAsync(context, gathered, plan, problems, ct).ConfigureAwait(false)
            : HookReport.None;

        // 7. Report.
        var now = time.GetUtcNow();
        var status = PolicyStatusBuilder.Build(context.Policy, gathered, plan, context.Ledger, problems, report, now);
        await statusWriter.WriteAsync(PolicyType, ObjectKey.From(context.Policy), status, context.Policy.Metadata.Generation, ct).ConfigureAwait(false);
        await events.TransitionsAsync(context.Policy, before, status, gathered, plan, ct).ConfigureAwait(false);
        CountFinishedRefreshes(context.Name, before, status);
        metrics.Observe(PolicyReadout.From(context.Name, gathered, plan, report.Draining, now));

        // 8. Look again exactly when the plan says (a node expiring, a window opening), sooner while work is under way.
        var busy = report.Busy || status.ActiveRefresh is not null || plan.Action.Changes || plan.Nodes.Any(n => n.CordonedByOperator)
            || launchHooksKept > 0;
        TimeSpan? delay = plan.RequeueAt is { } at ? at - now : null;
        if (busy && (delay is null || delay > Poll))
        {
            delay = Poll;
        }

        return delay is { } d ? ReconcileResult.RequeueAfter(d < TimeSpan.Zero ? TimeSpan.Zero : d) : ReconcileResult.Done;
    }

    private void CountFinishedRefreshes(string policy, WindowsNodePolicyStatus? before, WindowsNodePolicyStatus after)
    {
        if (after.LastRefresh is { } last && last.Id != before?.LastRefresh?.Id && last.Status != RefreshStatuses.Cancelled)
        {
            metrics.RefreshFinished(policy, last.Group, last.Status == RefreshStatuses.Successful);
        }
    }

    private async Task WriteDegradedAsync(PolicyContext context, string reason, string message, CancellationToken ct)
    {
        var previous = context.Policy.Status;
        var status = previous is null ? new WindowsNodePolicyStatus() : Copy(previous);
        var conditions = new ConditionSet(previous?.Conditions, context.Policy.Metadata.Generation, time.GetUtcNow());
        foreach (var condition in previous?.Conditions?.Where(c => c.Type != WindowsNodePolicyConditions.Degraded) ?? [])
        {
            conditions.Set(condition.Type, condition.Status == "True", condition.Reason, condition.Message);
        }

        status.Conditions = conditions
            .Set(WindowsNodePolicyConditions.Degraded, true, reason, message)
            .Build();
        await statusWriter.WriteAsync(PolicyType, ObjectKey.From(context.Policy), status, context.Policy.Metadata.Generation, ct).ConfigureAwait(false);
    }

    private static WindowsNodePolicyStatus Copy(WindowsNodePolicyStatus status) =>
        System.Text.Json.JsonSerializer.Deserialize<WindowsNodePolicyStatus>(System.Text.Json.JsonSerializer.Serialize(status))!;
}
