namespace WindowsNodeOperator.Planning;

/// <summary>
/// A pod bound to a new node of the operator's refresh that is not Ready: which, and on which node, read from the pod
/// itself on every look.
/// </summary>
/// <param name="BoundAt">
/// Since when it has been seen not Ready, on the operator's wall clock now: the operator's monotonic count from its first
/// look that found it so (<c>PodWaitClock</c>), not the API server's timestamps.
/// </param>
/// <param name="Waiting">Why its first container waits (ContainerCreating, ImagePullBackOff, ...), when it says.</param>
internal sealed record UnreadyPod(string Namespace, string Name, string Node, DateTimeOffset BoundAt, string? Waiting);
