namespace WindowsNodeOperator.Cluster;

/// <summary>The node operations the operator needs: read nodes, and cordon or uncordon them under its own annotation.</summary>
internal interface INodeClient
{
    /// <summary>The node, or null when it does not exist.</summary>
    Task<ClusterNode?> GetNodeAsync(string name, CancellationToken ct);

    /// <summary>Nodes labelled <c>kubernetes.io/os=windows</c> that also carry every label of <paramref name="nodeSelector"/>.</summary>
    Task<IReadOnlyList<ClusterNode>> ListWindowsNodesAsync(IReadOnlyDictionary<string, string>? nodeSelector, CancellationToken ct);

    /// <summary>Marks the node unschedulable with the <see cref="CordonAnnotations"/> naming <paramref name="policyName"/>.</summary>
    Task<CordonResult> CordonAsync(string nodeName, string policyName, CancellationToken ct);

    /// <summary>Sets annotations on the node (a merge patch: the last writer wins); false when the node is gone.</summary>
    Task<bool> AnnotateAsync(string nodeName, IReadOnlyDictionary<string, string> annotations, CancellationToken ct);

    /// <summary>Makes the node schedulable again only when it carries our cordon annotation; true when it did.</summary>
    Task<bool> UncordonIfOursAsync(string nodeName, CancellationToken ct);
}
