using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Performs the plan's one action. Every step is safe to repeat after a crash: template versions carry client
/// tokens, hooks are upserts, a refresh already running is an answer, and the ledger is written before each call
/// whose undoing a restart must know about.
/// </summary>
internal sealed class PlanExecutor(
    IAutoScaling autoScaling,
    ILaunchTemplates templates,
    INodeClient nodes,
    DisruptionPreflight preflight,
    RollbackImageCheck rollbackImages,
    DoNotDisruptCheck doNotDisrupt,
    PolicyEvents events,
    ReconciliationMetrics metrics,
    TimeProvider time)
{
    /// <summary>Acts on the plan and returns the plan that status should report (after a template update, the plan that followed it).</summary>
    public async Task<Plan> ActAsync(PolicyContext context, Gathered gathered, Plan plan, List<Problem> problems, CancellationToken ct)
    {
        switch (plan.Action)
        {
            case UpdateLaunchTemplate update:
                // A new version disrupts nothing: pin every group's in this look, then plan again with them, so the refresh
                // they lead to starts in this same look (the moment a maintenance window opens, not a poll later).
                var next = await UpdateTemplateAsync(context, gathered, update, ct).ConfigureAwait(false);
                var replanned = Planner.Plan(next);
                for (var more = next.Groups.Count; replanned.Action is UpdateLaunchTemplate another && more > 0; more--)
                {
                    next = await UpdateTemplateAsync(context, gathered with { Snapshot = next }, another, ct).ConfigureAwait(false);
                    replanned = Planner.Plan(next);
                }

                var pinned = gathered with { Snapshot = next };
                (pinned, replanned) = await doNotDisrupt.ConfirmAsync(pinned, replanned, ct).ConfigureAwait(false);
                if (replanned.Action is StartRefresh then)
                {
                    await StartRefreshAsync(context, pinned, replanned, then, problems, ct).ConfigureAwait(false);
                }

                return replanned;
            case StartRefresh start:
                await StartRefreshAsync(context, gathered, plan, start, problems, ct).ConfigureAwait(false);
                return plan;
            case CancelRefresh cancel:
                await CancelAsync(cancel, ct).ConfigureAwait(false);
                return plan;
            case RollbackRefresh rollback:
                await RollbackAsync(context, gathered, rollback, problems, ct).ConfigureAwait(false);
                return plan;
            case ReplaceInstance replace:
                await ReplaceAsync(context, gathered, replace, ct).ConfigureAwait(false);
                return plan;
            default:
                return plan;
        }
    }

    /// <summary>Puts the termination hook on each group the operator may act on and has not hooked yet.</summary>
    public async Task EnsureDrainHooksAsync(PolicyContext context, Plan plan, CancellationToken ct)
    {
        foreach (var group in plan.Groups.Where(g => !g.Group.HandsOff && !context.Ledger.DrainHooks.Contains(g.Name)))
        {
            await context.SaveAsync(context.Ledger.WithDrainHook(group.Name, true), ct).ConfigureAwait(false);
            await autoScaling.PutLifecycleHookAsync(LifecycleHooks.DrainHook(group.Name), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the launch hook of every group whose refresh by the operator has ended, so other scale-outs are never held;
    /// not while an instance of the group is in Pending:Wait, which the deletion would abandon: the launch gate lets it go first.
    /// </summary>
    /// <returns>How many finished groups keep their launch hook for now, an instance waiting.</returns>
    public async Task<int> RemoveFinishedLaunchHooksAsync(PolicyContext context, Gathered gathered, CancellationToken ct)
    {
        var kept = 0;
        foreach (var group in context.Ledger.LaunchHooks.ToList())
        {
            var facts = gathered.Snapshot.Groups.FirstOrDefault(g => g.Name == group);
            if (facts?.ActiveRefresh is { StartedByOperator: true })
            {
                continue;
            }

            if (gathered.Groups.FirstOrDefault(g => g.Name == group) is { } described)
            {
                if (LifecycleHooks.WaitingOn(described, LifecycleHooks.Launch).Count > 0)
                {
                    kept++;
                    continue;
                }

                await DeleteHookAsync(group, LifecycleHooks.Launch, ct).ConfigureAwait(false);
            }

            await context.SaveAsync(context.Ledger.WithLaunchHook(group, false), ct).ConfigureAwait(false);
        }

        return kept;
    }

    /// <summary>
    /// A node the operator cordoned whose instance is still in service was left half-replaced (a crash between the cordon
    /// and the termination): finish the replacement, or uncordon it when the policy no longer allows one.
    /// </summary>
    public async Task ResumeReplacementsAsync(PolicyContext context, Gathered gathered, Plan plan, CancellationToken ct)
    {
        var spec = context.Policy.Spec;
        var running = gathered.Snapshot.Groups.Where(g => g.ActiveRefresh is not null).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in plan.Nodes.Where(n => n.CordonedByOperator && !n.Unmanaged && n.Group is not null && !running.Contains(n.Group)))
        {
            var instance = gathered.Snapshot.Instances.FirstOrDefault(i => i.Id == node.InstanceId);
            if (instance?.LifecycleState != LifecycleStates.InService || NodeReading.CordonedBy(gathered.Node(node.Name)!) != context.Name)
            {
                continue;
            }

            if (spec.Disruption.Paused || spec.Disruption.DryRun || node.Protected || !(node.Expired || node.Drifted || node.NotReadyTooLong))
            {
                await nodes.UncordonIfOursAsync(node.Name, ct).ConfigureAwait(false);
            }
            else
            {
                await TerminateAsync(context, node.Group!, instance.Id, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task<FleetSnapshot> UpdateTemplateAsync(PolicyContext context, Gathered gathered, UpdateLaunchTemplate update, CancellationToken ct)
    {
        // An explicit version pinned to the AMI id, never $Latest or resolve:ssm: AutoRollback needs both versions fixed.
        var created = await templates.CreateVersionWithImageAsync(
            update.LaunchTemplate, update.ImageId, $"windowsnode.io: {update.ImageId}", ct).ConfigureAwait(false);
        var source = update.LaunchTemplate;
        await context.SaveAsync(
            context.Ledger.WithPinnedTemplate(
                update.Group, new LedgerTemplate(created.Id ?? source.Id ?? string.Empty, created.Name ?? source.Name, source.Version, created.Version, update.ImageId)),
            ct).ConfigureAwait(false);
        await events.PolicyAsync(
            context.Policy, EventTypes.Normal, EventReasons.LaunchTemplateUpdated, "UpdateLaunchTemplate",
            $"launch template {created.Id ?? created.Name} version {created.Version} of group {update.Group} launches AMI {update.ImageId}", ct)
            .ConfigureAwait(false);
        var snapshot = gathered.Snapshot;
        var groups = snapshot.Groups
            .Select(g => g.Name == update.Group
                ? g with { LaunchTemplate = created, LaunchTemplateImageId = update.ImageId }
                : g)
            .ToList();
        return snapshot with { Groups = groups };
    }

    private async Task StartRefreshAsync(PolicyContext context, Gathered gathered, Plan plan, StartRefresh start, List<Problem> problems, CancellationToken ct)
    {
        var spec = context.Policy.Spec;

        // 1. A budget that can never allow an eviction would hold the refresh an hour into a drain: say so now instead.
        var taken = plan.Nodes.Where(n => n.Group == start.Group && n.Drifted).Select(n => n.Name);
        var blockers = await preflight.FindBlockersAsync(taken, ct).ConfigureAwait(false);
        if (blockers.Count > 0)
        {
            var message = $"instance refresh of group {start.Group} not started: {string.Join("; ", blockers)}";
            problems.Add(new Problem(DegradedReasons.DrainWouldBlock, message));
            await events.PolicyAsync(context.Policy, EventTypes.Warning, EventReasons.DrainWouldBlock, "StartRefresh", message, ct).ConfigureAwait(false);
            return;
        }

        // 1b. A rollback relies on the AMI the group launches now; EKS makes old Windows AMIs private. Without it, no auto rollback.
        var rollbackUnavailable = await rollbackImages.CheckAsync(context, gathered, start.Group, start.TargetImageId, problems, ct).ConfigureAwait(false);

        // 2. The launch hook first, so no new instance counts as healthy before its node is Ready; the drain hook too.
        await context.SaveAsync(context.Ledger.WithLaunchHook(start.Group, true).WithDrainHook(start.Group, true), ct).ConfigureAwait(false);
        var launchTimeout = PolicyDuration.Parse(spec.Refresh.LaunchTimeout).Value;
        await autoScaling.PutLifecycleHookAsync(LifecycleHooks.LaunchHook(start.Group, launchTimeout), ct).ConfigureAwait(false);
        await autoScaling.PutLifecycleHookAsync(LifecycleHooks.DrainHook(start.Group), ct).ConfigureAwait(false);

        // 3. Start, or find the refresh a lost answer already started.
        var prefs = start.Preferences;
        var request = new InstanceRefreshRequest(
            start.Group,
            (prefs.DesiredLaunchTemplate ?? throw new InvalidOperationException($"group {start.Group} has no launch template")),
            new InstanceRefreshPreferences
            {
                MinHealthyPercentage = prefs.MinHealthyPercentage,
                MaxHealthyPercentage = prefs.MaxHealthyPercentage,
                InstanceWarmup = prefs.InstanceWarmup,
                CheckpointPercentages = prefs.CheckpointPercentages.Count > 0 ? prefs.CheckpointPercentages : null,
                AutoRollback = prefs.AutoRollback && rollbackUnavailable is null,
                SkipMatching = prefs.SkipMatching,

                // Said, not left to the default: an instance someone protected from scale in or put in Standby is neither
                // replaced behind their back (Refresh, Terminate) nor silently left on the old AMI (Ignore). The refresh waits
                // for it to be released, and fails after an hour if it is not; the planner starts no refresh while a drifted
                // instance is held, so this only meets a hold that came while the refresh ran. See docs/aws-autoscaling.md.
                ScaleInProtectedInstances = ScaleInProtectedInstances.Wait,
                StandbyInstances = StandbyInstances.Wait,
            })
        {
            MixedInstancesPolicy = prefs.MixedInstancesPolicy,
        };
        var started = await autoScaling.StartInstanceRefreshAsync(request, ct).ConfigureAwait(false);
        string? autoRollbackRefused = null;
        if (started.Outcome == RefreshStartOutcome.Irreversible)
        {
            // 3a. AWS will not roll this group back (its launch template version is $Latest or $Default, or its image comes from
            //     an SSM parameter), so it refuses AutoRollback; the refusal proves nothing started. Start without it: the
            //     refresh is still what rolls the AMI out, and should the AMI fail, the operator's own rollback cancels the
            //     refresh and restores the previous template version instead of asking AWS. The ledger keeps why, for restarts.
            //     https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_RefreshPreferences.html (AutoRollback)
            autoRollbackRefused = $"IrreversibleInstanceRefresh: {started.Message}";
            request = request with { Preferences = request.Preferences with { AutoRollback = false } };
            started = await autoScaling.StartInstanceRefreshAsync(request, ct).ConfigureAwait(false);
            if (started.Outcome == RefreshStartOutcome.Irreversible)
            {
                throw new InvalidOperationException($"group {start.Group}: AWS refuses the instance refresh without AutoRollback too: {started.Message}");
            }
        }

        var id = started.RefreshId;
        if (started.Outcome == RefreshStartOutcome.AlreadyRunning)
        {
            // 3b. A refresh already runs. It is ours when it rolls out the very template version asked for: our start landed
            //     and its answer was lost (a retry, or a restart between the start and the ledger write below). Anyone
            //     else's is left alone, and said.
            var running = await autoScaling.DescribeInstanceRefreshesAsync(start.Group, [], ct).ConfigureAwait(false);
            var active = running.Where(r => !r.Status.IsFinished()).OrderByDescending(r => r.StartTime).FirstOrDefault()
                ?? throw new InvalidOperationException($"group {start.Group}: AWS says a refresh runs, and describes none running");
            if (!SameVersion(active.DesiredLaunchTemplate, request.DesiredLaunchTemplate))
            {
                problems.Add(new Problem(DegradedReasons.RefreshBlocked,
                    $"group {start.Group}: instance refresh {active.Id} ({active.Status}) was not started by this operator "
                    + $"(it rolls out {Describe(active.DesiredLaunchTemplate)}, not {Describe(request.DesiredLaunchTemplate)}); waiting for it to end"));
                return;
            }

            id = active.Id;
        }

        // 4. Recorded at once: the ledger is how a restart knows this refresh (and its AMI) is ours.
        await context.SaveAsync(
            context.Ledger.WithRefresh(id!, new LedgerRefresh(
                start.Group, start.TargetImageId, time.GetUtcNow(), AutoRollbackRefused: autoRollbackRefused ?? (prefs.AutoRollback ? rollbackUnavailable : null))),
            ct).ConfigureAwait(false);
        metrics.RefreshStarted(context.Name, start.Group);
        await events.PolicyAsync(
            context.Policy, EventTypes.Normal, EventReasons.InstanceRefreshStarted, "StartRefresh",
            $"instance refresh {id} of group {start.Group} to AMI {start.TargetImageId} started (MinHealthyPercentage {prefs.MinHealthyPercentage})", ct)
            .ConfigureAwait(false);
        if (autoRollbackRefused is not null)
        {
            await events.PolicyAsync(
                context.Policy, EventTypes.Warning, EventReasons.AutoRollbackUnavailable, "StartRefresh",
                $"instance refresh {id} of group {start.Group} runs without AWS auto rollback, which AWS refuses for this group "
                + "(launch template version $Latest or $Default, or an image from an SSM parameter; pin a numbered version with an AMI ID "
                + $"to have it): {autoRollbackRefused}. Should AMI {start.TargetImageId} fail, the operator cancels the refresh and restores "
                + "the previous launch template version", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A group whose launch template follows <c>$Latest</c> launches the version the operator pinned to an AMI that then
    /// failed (AWS would not roll such a group back, so the refresh was cancelled). Put a copy of the version it was made
    /// from on top, so scale-outs launch the previous AMI again. The client token makes a repeat return the same copy.
    /// </summary>
    public async Task RestoreHeldTemplatesAsync(PolicyContext context, Gathered gathered, CancellationToken ct)
    {
        foreach (var group in gathered.Snapshot.Groups)
        {
            var raw = gathered.Groups.FirstOrDefault(g => g.Name == group.Name);
            if (raw?.LaunchTemplate?.Version != LaunchTemplateRef.Latest
                || group is not { LaunchTemplate: { } current, LaunchTemplateImageId: { } image }
                || context.Ledger.FailedAmi(image) is null
                || context.Ledger.PinnedTemplates?.GetValueOrDefault(group.Name) is not { } pinned
                || pinned.ImageId != image
                || pinned.PinnedVersion != current.Version)
            {
                continue;
            }

            var source = new LaunchTemplateRef(pinned.TemplateId.Length == 0 ? null : pinned.TemplateId, pinned.TemplateName, pinned.SourceVersion);
            var previous = (await templates.GetImageIdAsync(source, ct).ConfigureAwait(false)).ImageId;
            if (previous is null)
            {
                continue;
            }

            var restored = await templates.CreateVersionWithImageAsync(
                source, previous, $"windowsnode.io: {previous} again, {image} failed", ct).ConfigureAwait(false);
            await events.PolicyAsync(
                context.Policy, EventTypes.Normal, EventReasons.LaunchTemplateUpdated, "Rollback",
                $"launch template {restored.Id ?? restored.Name} version {restored.Version} of group {group.Name} launches AMI {previous} again "
                + $"(a copy of version {pinned.SourceVersion}): AMI {image} failed", ct).ConfigureAwait(false);
        }
    }

    private async Task RollbackAsync(PolicyContext context, Gathered gathered, RollbackRefresh rollback, List<Problem> problems, CancellationToken ct)
    {
        // 1. The AMI is held before anything is asked of AWS: after a crash the next look finds it held and rolls back again.
        if (context.Ledger.FailedAmi(rollback.ImageId) is null)
        {
            await context.SaveAsync(
                context.Ledger.WithFailedAmi(new LedgerFailedAmi(rollback.ImageId, rollback.Group, rollback.RefreshId, rollback.Evidence, time.GetUtcNow())),
                ct).ConfigureAwait(false);
            var held = context.Ledger.FailedAmi(rollback.ImageId)!;
            problems.Add(new Problem(
                DegradedReasons.RefreshFailed,
                GroupTargets.FailedWait(new FailedAmiFacts(held.ImageId, held.Group, held.RefreshId, held.Reason, held.FailedAt)).Message));
            await events.PolicyAsync(
                context.Policy, EventTypes.Warning, EventReasons.AmiFailed, "Rollback",
                $"AMI {rollback.ImageId} failed in group {rollback.Group}: {rollback.Evidence}; rolling back instance refresh {rollback.RefreshId} "
                + "and holding the AMI until a newer one is published", ct).ConfigureAwait(false);
        }

        // 2. Roll back: the group returns to its previous launch template version, and the new instances are replaced.
        //    AWS refuses for a group on $Latest or $Default or an image from SSM (known already when it refused AutoRollback
        //    at the start): cancel instead (without waiting for the new instance held in Pending:Wait, which never becomes a
        //    node), then make a $Latest template launch the previous AMI again.
        //    https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html
        var refused = context.Ledger.Refreshes.GetValueOrDefault(rollback.RefreshId)?.AutoRollbackRefused is not null;
        var answer = refused ? RefreshRollback.Irreversible : await autoScaling.RollbackInstanceRefreshAsync(rollback.Group, ct).ConfigureAwait(false);
        if (answer.Outcome == RefreshRollbackOutcome.Irreversible)
        {
            await autoScaling.CancelInstanceRefreshAsync(rollback.Group, waitForTransitioningInstances: false, ct).ConfigureAwait(false);
            await RestoreHeldTemplatesAsync(context, gathered, ct).ConfigureAwait(false);
        }
    }

    private async Task CancelAsync(CancelRefresh cancel, CancellationToken ct)
    {
        // None active (already over) is an answer too: the next look reports how it ended.
        await autoScaling.CancelInstanceRefreshAsync(cancel.Group, waitForTransitioningInstances: true, ct).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(PolicyContext context, Gathered gathered, ReplaceInstance replace, CancellationToken ct)
    {
        // The drain hook makes the termination wait for the drain; the cordon comes first so nothing lands here meanwhile.
        await EnsureDrainHookAsync(context, replace.Group, ct).ConfigureAwait(false);
        var cordon = await nodes.CordonAsync(replace.Node, context.Name, ct).ConfigureAwait(false);
        if (cordon == CordonResult.Cordoned)
        {
            await events.NodeAsync(
                context.Policy, gathered.Node(replace.Node), EventTypes.Normal, EventReasons.NodeCordoned, "Replace",
                $"node {replace.Node} ({replace.InstanceId}) cordoned for replacement ({replace.Reasons})", ct).ConfigureAwait(false);
        }

        await TerminateAsync(context, replace.Group, replace.InstanceId, ct).ConfigureAwait(false);
    }

    private async Task TerminateAsync(PolicyContext context, string group, string instanceId, CancellationToken ct)
    {
        await EnsureDrainHookAsync(context, group, ct).ConfigureAwait(false);
        await autoScaling.TerminateInstanceInGroupAsync(instanceId, shouldDecrementDesiredCapacity: false, ct).ConfigureAwait(false);
        metrics.Replacement(context.Name, group);
    }

    private async Task EnsureDrainHookAsync(PolicyContext context, string group, CancellationToken ct)
    {
        if (!context.Ledger.DrainHooks.Contains(group))
        {
            await context.SaveAsync(context.Ledger.WithDrainHook(group, true), ct).ConfigureAwait(false);
            await autoScaling.PutLifecycleHookAsync(LifecycleHooks.DrainHook(group), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the hook if the group has it. The caller makes sure no action waits on it: the deletion would complete them.</summary>
    public async Task DeleteHookAsync(string group, string hook, CancellationToken ct)
    {
        var hooks = await autoScaling.DescribeLifecycleHooksAsync(group, ct).ConfigureAwait(false);
        if (hooks.Any(h => h.Name == hook))
        {
            await autoScaling.DeleteLifecycleHookAsync(group, hook, ct).ConfigureAwait(false);
        }
    }

    private static bool SameVersion(LaunchTemplateRef? running, LaunchTemplateRef asked) =>
        running is not null && running.Version == asked.Version
        && (running.Id is not null && running.Id == asked.Id || running.Name is not null && running.Name == asked.Name);

    private static string Describe(LaunchTemplateRef? template) =>
        template is null ? "no desired configuration" : $"launch template {template.Id ?? template.Name} version {template.Version}";
}
