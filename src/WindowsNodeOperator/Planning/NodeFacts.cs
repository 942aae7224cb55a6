using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>A Kubernetes node as the planner needs it.</summary>
/// <param name="InstanceId">The EC2 instance id from the node's providerID, when it has one.</param>
/// <param name="HasDoNotDisruptPod">Whether any pod on the node carries the do-not-disrupt annotation.</param>
/// <param name="NotReadySince">When not Ready: the last transition time of its Ready condition, when it has one.</param>
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
    string? ProviderId = null)
{
    public bool CordonedByOperator => Annotations.ContainsKey(OperatorAnnotations.CordonedBy);

    public bool Protected =>
        HasDoNotDisruptPod
        || (Annotations.TryGetValue(OperatorAnnotations.DoNotDisrupt, out var value) && value == OperatorAnnotations.True);
}
