namespace WindowsNodeOperator.Planning;

/// <summary>
/// A pod bound to a new node of the operator's refresh that is not Ready: read from the pod itself on every look (its
/// node, its PodScheduled time, its Ready condition), so a restarted operator judges it the same.
/// </summary>
/// <param name="BoundAt">When it was bound to the node (its PodScheduled condition), else when it was created.</param>
/// <param name="Waiting">Why its first container waits (ContainerCreating, ImagePullBackOff, ...), when it says.</param>
internal sealed record UnreadyPod(string Namespace, string Name, string Node, DateTimeOffset BoundAt, string? Waiting);
