using System.Collections.Concurrent;
using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Reconciliation.Status;

/// <summary>
/// Records the operator's Events; transitions are found by comparing the previous status with the new one. Every event is
/// also offered, once, to the webhook notifier when one is configured (it queues and never blocks).
/// </summary>
internal sealed class PolicyEvents(IEventRecorder recorder, IEventNotifier? notifier = null)
{
    /// <summary>
    /// The unmatched nodes each policy's last look listed, by policy uid. The status says the same and is what a restart reads;
    /// this covers the look that starts before the watch has brought the status the previous one wrote.
    /// </summary>
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _unmatchedSeen = new(StringComparer.Ordinal);

    public async Task PolicyAsync(WindowsNodePolicy policy, string type, string reason, string action, string note, CancellationToken ct)
    {
        await recorder.RecordAsync(policy, type, reason, action, note, ct).ConfigureAwait(false);
        Notify(policy, null, type, reason, action, note, ct);
    }

    /// <summary>An event about a node, on the Node and on the policy.</summary>
    public async Task NodeAsync(WindowsNodePolicy policy, V1Node? node, string type, string reason, string action, string note, CancellationToken ct)
    {
        if (node is not null)
        {
            await recorder.RecordAsync(node, type, reason, action, note, ct).ConfigureAwait(false);
        }

        await recorder.RecordAsync(policy, type, reason, action, note, ct).ConfigureAwait(false);
        Notify(policy, node, type, reason, action, note, ct);
    }

    /// <summary>Why work is due (nodes expired, a newer AMI): recorded before acting, so they precede the events of what they cause.</summary>
    public async Task FindingsAsync(
        WindowsNodePolicy policy, WindowsNodePolicyStatus? before, WindowsNodePolicyStatus after, Gathered gathered, Plan plan, CancellationToken ct)
    {
        // 1. Nodes that became due because of their age.
        var expiredBefore = (before?.PendingReplacements ?? [])
            .Where(p => p.Reason == ReplacementReason.Expired)
            .Select(p => p.Node)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var node in (after.PendingReplacements ?? []).Where(p => p.Reason == ReplacementReason.Expired && !expiredBefore.Contains(p.Node)))
        {
            var verdict = plan.Nodes.First(n => n.Name == node.Node);
            await NodeAsync(
                policy, gathered.Node(node.Node), EventTypes.Normal, EventReasons.NodeExpired, "Replace",
                $"node {node.Node} ({node.InstanceId}) is {verdict.Age?.TotalDays:0.#} days old, past maxNodeAge {policy.Spec.MaxNodeAge}", ct)
                .ConfigureAwait(false);
        }

        // 2. A newer AMI that nodes do not run yet.
        var drifted = after.Nodes?.Drifted ?? 0;
        if (drifted > 0 && ((before?.Nodes?.Drifted ?? 0) == 0 || before?.LatestAmiId != after.LatestAmiId))
        {
            var targets = string.Join(", ", plan.Groups.Select(g => g.TargetImageId).OfType<string>().Distinct());
            await PolicyAsync(
                policy, EventTypes.Normal, EventReasons.AmiDrift, "Replace",
                $"{drifted} node(s) do not run the target AMI {targets} (latest {after.LatestAmiId})", ct).ConfigureAwait(false);
        }

        // 3. A selected node that is no EC2 instance, once: when it first shows in the status's list (which a restart reads
        //    back), not on every look. Skipped, not a fault of the policy: no Degraded.
        var uid = policy.Metadata?.Uid ?? policy.Metadata?.Name ?? string.Empty;
        var unmatchedBefore = (before?.UnmatchedNodes ?? []).Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
        unmatchedBefore.UnionWith(_unmatchedSeen.GetValueOrDefault(uid) ?? new HashSet<string>());
        foreach (var node in (after.UnmatchedNodes ?? []).Where(n => !unmatchedBefore.Contains(n.Node)))
        {
            await PolicyAsync(policy, EventTypes.Warning, EventReasons.NodeUnmatched, "Skip", UnmatchedNodes.Describe(node), ct).ConfigureAwait(false);
        }

        _unmatchedSeen[uid] = (after.UnmatchedNodes ?? []).Select(n => n.Node).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What acting changed: a refresh of ours that finished, work waiting for a window.</summary>
    public async Task TransitionsAsync(
        WindowsNodePolicy policy, WindowsNodePolicyStatus? before, WindowsNodePolicyStatus after, Gathered gathered, Plan plan, CancellationToken ct)
    {
        // 1. A refresh of ours that finished.
        if (after.LastRefresh is { } last && last.Id != before?.LastRefresh?.Id)
        {
            var ok = last.Status == RefreshStatuses.Successful;
            var cancelled = last.Status == RefreshStatuses.Cancelled;
            if (!cancelled)
            {
                var finished = gathered.Snapshot.Groups.FirstOrDefault(g => g.Name == last.Group)?.LastRefresh;
                await PolicyAsync(
                    policy,
                    ok ? EventTypes.Normal : EventTypes.Warning,
                    ok ? EventReasons.InstanceRefreshSucceeded : EventReasons.InstanceRefreshFailed,
                    "Refresh",
                    $"instance refresh {last.Id} of group {last.Group} to AMI {finished?.TargetImageId ?? "unknown"} ended {last.Status}"
                    + ((finished?.CauseMessage ?? finished?.StatusReason) is { Length: > 0 } why ? $": {why}" : string.Empty)
                    + finished?.Cause switch
                    {
                        RefreshFailureCause.Ami => "; the AMI is held",
                        { } other => $"; not the AMI ({other}): the AMI is not held",
                        null => string.Empty,
                    },
                    ct).ConfigureAwait(false);
            }
        }

        // 2. Work is due and waits for a window.
        var waitingBefore = before?.Conditions?.FirstOrDefault(c => c.Type == WindowsNodePolicyConditions.Ready)?.Reason;
        if (plan.Action is Wait { Reason: WaitReason.OutsideMaintenanceWindow } wait && waitingBefore != nameof(WaitReason.OutsideMaintenanceWindow))
        {
            await PolicyAsync(policy, EventTypes.Normal, EventReasons.WaitingForMaintenanceWindow, "Wait", wait.Message, ct).ConfigureAwait(false);
        }

        // 3. A group left alone for its mixed instances policy, once Degraded comes to say so.
        var degradedBefore = before?.Conditions?.FirstOrDefault(c => c.Type == WindowsNodePolicyConditions.Degraded);
        var degraded = after.Conditions?.FirstOrDefault(c => c.Type == WindowsNodePolicyConditions.Degraded);
        if (degraded is { Status: "True", Reason: DegradedReasons.UnsupportedMixedInstancesPolicy }
            && (degradedBefore?.Status != "True" || degradedBefore.Reason != DegradedReasons.UnsupportedMixedInstancesPolicy))
        {
            await PolicyAsync(policy, EventTypes.Warning, EventReasons.UnsupportedMixedInstancesPolicy, "Replace", degraded.Message, ct).ConfigureAwait(false);
        }
    }

    private void Notify(WindowsNodePolicy policy, V1Node? node, string type, string reason, string action, string note, CancellationToken ct)
    {
        // A cancelled look (leadership lost, shutdown) may not have recorded the event: nothing to tell.
        if (notifier is not null && !ct.IsCancellationRequested)
        {
            notifier.Offer(new EventNotice(policy, node, type, reason, action, note));
        }
    }
}
