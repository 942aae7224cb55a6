using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Cluster;

/// <summary>What the operator reads from a Node.</summary>
internal sealed record ClusterNode(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? CreatedAt,
    string? ProviderId,
    bool Unschedulable,
    bool Ready)
{
    /// <summary>The policy that cordoned this node, when the operator did.</summary>
    public string? CordonedBy => Annotations.GetValueOrDefault(OperatorAnnotations.CordonedBy);

    /// <summary>When the operator cordoned this node, when it did and the annotation is readable.</summary>
    public DateTimeOffset? CordonedAt => OperatorAnnotations.ReadTime(Annotations, OperatorAnnotations.CordonedAt);

    /// <summary>When a drain of a node cordoned by someone else began.</summary>
    public DateTimeOffset? DrainStartedAt => OperatorAnnotations.ReadTime(Annotations, OperatorAnnotations.DrainStartedAt);

    /// <summary>When the operator last heartbeated the lifecycle action of this node's instance.</summary>
    public DateTimeOffset? HeartbeatAt => OperatorAnnotations.ReadTime(Annotations, OperatorAnnotations.HeartbeatAt);
}
