using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>A Kubernetes node as the planner needs it.</summary>
/// <param name="InstanceId">The EC2 instance id from the node's providerID, when it has one.</param>
/// <param name="HasDoNotDisruptPod">Whether any pod on the node carries the do-not-disrupt annotation.</param>
/// <param name="NotReadySince">When not Ready: the last transition time of its Ready condition, when it has one.</param>
/// <param name="Uninitialized">
/// It carries the cloud provider's <c>uninitialized</c> taint: a node joining, that the cloud controller manager has not yet
/// given its providerID and cloud labels.
/// </param>
/// <param name="ProviderId">The node's <c>spec.providerID</c> as written, to say why a node names no instance.</param>
internal sealed record NodeFacts(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    bool Ready,
    bool Unschedulable,
    string? InstanceId,
    IReadOnlyDictionary<string, string> Annotations,
    bool HasDoNotDisruptPod,
    DateTimeOffset? NotReadySince = null,
    bool Uninitialized = false,
    string? ProviderId = null)
{
    /// <summary>A node still joining with no providerID: its instance, which the snapshot holds, stands for it.</summary>
    public bool Joining => Uninitialized && InstanceId is null && !CordonedByOperator;

    public bool CordonedByOperator => Annotations.ContainsKey(OperatorAnnotations.CordonedBy);

    public bool Protected =>
        HasDoNotDisruptPod
        || (Annotations.TryGetValue(OperatorAnnotations.DoNotDisrupt, out var value) && value == OperatorAnnotations.True);
}
