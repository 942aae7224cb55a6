using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>
/// Tells a budget's refusal that waits for capacity from one that only waits for replacements to start. A budget says no
/// while the pods evicted before have no Ready replacement; when those replacements are Pending because the scheduler
/// cannot place them (on Windows, a node takes only as many pods as its network interface has addresses, minus one), the
/// drain will not move until capacity is added, and the pod is reported blocked by capacity, in the scheduler's words.
/// </summary>
internal sealed class CapacityCheck(IPodClient pods)
{
    public async Task<IReadOnlyList<PendingPod>> ExplainAsync(IReadOnlyList<PendingPod> pending, CancellationToken ct)
    {
        var blocked = pending.Where(p => p.Reason == PendingReason.BlockedByBudget && p.DisruptionBudget is not null).ToList();
        if (blocked.Count == 0)
        {
            return pending;
        }

        var unplaced = new Dictionary<(string Namespace, string Budget), string>();
        foreach (var ns in blocked.Select(p => p.Pod.Namespace).Distinct(StringComparer.Ordinal))
        {
            try
            {
                // 1. Only Pending pods the scheduler refused count; one merely starting (pulling images) is on its way.
                var unschedulable = await pods.ListUnschedulablePodsAsync(ns, ct).ConfigureAwait(false);
                if (unschedulable.Count == 0)
                {
                    continue;
                }

                // 2. Each budget of the namespace, with the refused pods it covers.
                foreach (var budget in await pods.ListDisruptionBudgetsAsync(ns, ct).ConfigureAwait(false))
                {
                    var covered = unschedulable.Where(u => budget.Covers(ns, u.Labels)).ToList();
                    if (covered.Count > 0)
                    {
                        unplaced[(ns, budget.Name)] = $"{covered.Count} Pending, \"{covered[0].Message}\"";
                    }
                }
            }
            catch (ClusterApiException)
            {
                // The plain budget reason stands; the next look asks again.
            }
        }

        return pending
            .Select(p => p.Reason == PendingReason.BlockedByBudget && p.DisruptionBudget is { } budget && unplaced.TryGetValue((p.Pod.Namespace, budget), out var why)
                ? p with { Reason = PendingReason.BlockedByCapacity, Message = why }
                : p)
            .ToList();
    }
}
