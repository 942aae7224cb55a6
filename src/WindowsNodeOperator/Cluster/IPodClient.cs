using k8s.Models;

namespace WindowsNodeOperator.Cluster;

/// <summary>The pod operations a drain needs: list a node's pods, evict, delete, and read disruption budgets.</summary>
internal interface IPodClient
{
    Task<IReadOnlyList<ClusterPod>> ListPodsOnNodeAsync(string nodeName, CancellationToken ct);

    /// <summary>
    /// The node's pods as the API returns them (field selector <c>spec.nodeName</c>), for the checks that read more of a
    /// pod than a drain does: the launch gate, do-not-disrupt and the disruption preflight. Never every pod of the cluster.
    /// </summary>
    Task<IReadOnlyList<V1Pod>> ListPodObjectsOnNodeAsync(string nodeName, CancellationToken ct);

    /// <summary>
    /// Evicts through the Eviction API. A refusal the server answered is a result (Blocked for 429, Error otherwise);
    /// an API that does not answer is a <see cref="ClusterApiException"/>.
    /// </summary>
    Task<EvictionResult> EvictPodAsync(PodKey pod, TimeSpan? gracePeriod, CancellationToken ct);

    /// <summary>Deletes the pod with the grace period (the pod's own when null); false when it was already gone.</summary>
    Task<bool> DeletePodAsync(PodKey pod, TimeSpan? gracePeriod, CancellationToken ct);

    Task<IReadOnlyList<DisruptionBudgetInfo>> ListDisruptionBudgetsAsync(string ns, CancellationToken ct);

    /// <summary>
    /// The namespace's Pending pods the scheduler could not place (field selector <c>status.phase=Pending</c>): what tells a
    /// drain blocked by a budget whose evicted pods' replacements find no room from one that only waits for them to start.
    /// </summary>
    Task<IReadOnlyList<UnschedulablePod>> ListUnschedulablePodsAsync(string ns, CancellationToken ct);
}
