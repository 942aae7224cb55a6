using k8s.Models;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Before a refresh takes nodes, finds the PodDisruptionBudgets that would stop their drains for good: one that allows
/// no disruption while every pod it covers is already Ready (replicas at the minimum: waiting cannot help), or a pod
/// that two budgets cover (the Eviction API refuses it with a 500).
/// </summary>
/// <remarks>https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/</remarks>
internal sealed class DisruptionPreflight(IPodClient pods)
{
    public async Task<IReadOnlyList<string>> FindBlockersAsync(IEnumerable<string> nodeNames, CancellationToken ct)
    {
        // 1. The pods of the nodes the refresh would take, read node by node: never every pod of the cluster.
        var onNodes = new List<V1Pod>();
        foreach (var name in nodeNames.Distinct(StringComparer.Ordinal))
        {
            onNodes.AddRange(await pods.ListPodObjectsOnNodeAsync(name, ct).ConfigureAwait(false));
        }

        var leaving = onNodes
            .Where(p => !NodeReading.IsDaemonSetPod(p) && p.Status?.Phase is not ("Succeeded" or "Failed"))
            .Where(p => p.Metadata?.Annotations?.ContainsKey(ClusterPod.MirrorAnnotation) != true)
            .ToList();
        var blockers = new List<string>();
        foreach (var ns in leaving.Select(p => p.Metadata.NamespaceProperty).Distinct(StringComparer.Ordinal))
        {
            var budgets = await pods.ListDisruptionBudgetsAsync(ns, ct).ConfigureAwait(false);
            foreach (var pod in leaving.Where(p => p.Metadata.NamespaceProperty == ns))
            {
                var covering = budgets.Where(b => Covers(b, pod)).ToList();
                if (covering.Count > 1)
                {
                    blockers.Add($"pod {ns}/{pod.Metadata.Name} is covered by PodDisruptionBudgets {string.Join(" and ", covering)}, so it can never be evicted");
                }
                else if (covering is [{ DisruptionsAllowed: <= 0, AllHealthy: true } only])
                {
                    blockers.Add($"PodDisruptionBudget {only} allows no disruption with all its pods Ready (pod {ns}/{pod.Metadata.Name} on node {pod.Spec.NodeName})");
                }
            }
        }

        return blockers.Distinct(StringComparer.Ordinal).ToList();
    }

    private static bool Covers(DisruptionBudgetInfo budget, V1Pod pod) =>
        pod.Metadata.NamespaceProperty == budget.Namespace
        && budget.Selector is { } selector
        && selector.Matches(new Dictionary<string, string>(pod.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal));
}
