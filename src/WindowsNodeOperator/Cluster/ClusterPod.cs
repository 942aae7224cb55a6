namespace WindowsNodeOperator.Cluster;

/// <summary>What a drain needs to know about a pod.</summary>
/// <param name="DeletionTimestamp">For a terminating pod, when its grace period ends (the API sets it so).</param>
internal sealed record ClusterPod(
    PodKey Key,
    string? Uid,
    string? Phase,
    IReadOnlyDictionary<string, string> Labels,
    string? PriorityClassName,
    string? ControllerKind,
    bool IsMirror,
    bool HasEmptyDir,
    TimeSpan? TerminationGracePeriod,
    bool IsTerminating,
    DateTimeOffset? DeletionTimestamp = null)
{
    /// <summary>The annotation the kubelet puts on mirror pods of static pods (https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/).</summary>
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";

    public bool IsTerminal => Phase is "Succeeded" or "Failed";

    public bool IsDaemonSetPod => ControllerKind == "DaemonSet";
}
