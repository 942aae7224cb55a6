namespace WindowsNodeOperator.Planning;

/// <summary>An EC2 instance in an Auto Scaling group.</summary>
/// <param name="OriginalLaunchTime">When the instance was first launched (a stop and start does not make a node younger).</param>
/// <param name="LifecycleState">The state in the group as AWS spells it: InService, Pending:Wait, Terminating, ...</param>
internal sealed record InstanceFacts(
    string Id,
    string Group,
    string ImageId,
    DateTimeOffset OriginalLaunchTime,
    string LifecycleState)
{
    /// <summary>Leaving or joining the group: capacity that is not serving.</summary>
    public bool InTransit => LifecycleStates.InTransit(LifecycleState);
}
