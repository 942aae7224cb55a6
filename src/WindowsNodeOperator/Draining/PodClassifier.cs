using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

/// <summary>Which pods a drain removes, and in which order, following kubectl drain (https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/).</summary>
internal static class PodClassifier
{
    public const string ClusterCritical = "system-cluster-critical";
    public const string NodeCritical = "system-node-critical";

    /// <summary>
    /// DaemonSet pods would be recreated on the node at once and mirror pods cannot be evicted, so both stay, as with
    /// kubectl's --ignore-daemonsets; finished pods hold nothing. Pods without a controller do leave (kubectl wants
    /// --force for them): the instance goes away whatever happens.
    /// </summary>
    public static bool MustLeave(ClusterPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return !pod.IsDaemonSetPod && !pod.IsMirror && !pod.IsTerminal;
    }

    /// <summary>Shutdown tier: ordinary pods first, then cluster-critical, then node-critical ones.</summary>
    public static int Tier(ClusterPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.PriorityClassName switch
        {
            NodeCritical => 2,
            ClusterCritical => 1,
            _ => 0,
        };
    }
}
