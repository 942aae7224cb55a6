using WindowsNodeOperator.Api;
using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Reconciliation.Termination;

/// <summary>The words of a drain's reports.</summary>
internal static class DrainMessages
{
    public static string Blocked(string node, string instanceId, DrainStep step, DrainOptions options) =>
        $"node {node} ({instanceId}) is not drained after drain.timeout {new PolicyDuration(options.Timeout)}: "
        + $"pods {string.Join(", ", step.Remaining)}"
        + (step.BlockingBudgets.Count > 0 ? $"; PodDisruptionBudgets {string.Join(", ", step.BlockingBudgets)}" : string.Empty)
        + (step.Remaining.Any(p => p.Reason == PendingReason.BlockedByCapacity)
            ? "; blocked by capacity: the evicted pods cannot be scheduled elsewhere (add nodes, or set refresh.maxHealthyPercentage above 100 to launch replacements first)"
            : string.Empty)
        + "; the instance waits in Terminating:Wait";
}
