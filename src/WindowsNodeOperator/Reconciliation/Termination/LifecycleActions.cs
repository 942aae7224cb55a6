using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Reconciliation.Termination;

/// <summary>
/// Heartbeats and completions of the drain hook's lifecycle actions. When a heartbeat is due is decided from the hook's
/// timeout and the time of the last heartbeat, recorded on the Node, so a restart keeps the schedule.
/// </summary>
internal sealed class LifecycleActions(IAutoScaling autoScaling, INodeClient nodes, TimeProvider time, ILogger<LifecycleActions> logger)
{
    /// <summary>Heartbeats at half the hook's timeout, so one lost heartbeat (or a slow look) does not let the hook expire.</summary>
    public static readonly TimeSpan HeartbeatInterval = LifecycleHooks.DrainTimeout / 2;

    /// <summary>Heartbeats the action when due; false when AWS has no active action for the instance any more.</summary>
    public async Task<bool> HeartbeatIfDueAsync(string group, string instanceId, ClusterNode node, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (node.HeartbeatAt is { } last && now - last < HeartbeatInterval && last <= now)
        {
            return true;
        }

        // 1. AWS first, then the Node: a crash in between only means one heartbeat more.
        var outcome = await autoScaling.RecordLifecycleActionHeartbeatAsync(
            LifecycleActionTarget.ForInstance(group, LifecycleHooks.Drain, instanceId), ct).ConfigureAwait(false);
        if (outcome == LifecycleActionOutcome.NotActive)
        {
            TerminationLog.NotActive(logger, instanceId, group, "heartbeat");
            return false;
        }

        await nodes.AnnotateAsync(
            node.Name, new Dictionary<string, string> { [OperatorAnnotations.HeartbeatAt] = OperatorAnnotations.FormatTime(now) }, ct)
            .ConfigureAwait(false);
        TerminationLog.Heartbeat(logger, instanceId, group);
        return true;
    }

    /// <summary>Lets the termination go on (CONTINUE); an action already completed or gone counts as done.</summary>
    public async Task<LifecycleActionOutcome> CompleteAsync(string group, string instanceId, CancellationToken ct)
    {
        var outcome = await autoScaling.CompleteLifecycleActionAsync(
            LifecycleActionTarget.ForInstance(group, LifecycleHooks.Drain, instanceId), LifecycleActionResult.Continue, ct).ConfigureAwait(false);
        if (outcome == LifecycleActionOutcome.NotActive)
        {
            TerminationLog.NotActive(logger, instanceId, group, "completion");
        }
        else
        {
            ReconcilerLog.Completed(logger, instanceId, group, LifecycleHooks.Drain, "CONTINUE");
        }

        return outcome;
    }
}
