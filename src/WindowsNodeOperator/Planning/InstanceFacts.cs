namespace WindowsNodeOperator.Planning;

/// <summary>An EC2 instance in an Auto Scaling group.</summary>
/// <param name="OriginalLaunchTime">When the instance was first launched (a stop and start does not make a node younger).</param>
/// <param name="LifecycleState">The state in the group as AWS spells it: InService, Pending:Wait, Terminating, ...</param>
/// <param name="ProtectedFromScaleIn">The instance's scale-in protection, as its group reports it.</param>
internal sealed record InstanceFacts(
    string Id,
    string Group,
    string ImageId,
    DateTimeOffset OriginalLaunchTime,
    string LifecycleState,
    bool ProtectedFromScaleIn = false)
{
    /// <summary>
    /// Leaving or joining the group: capacity that is not serving. A state the model does not list counts so too: the
    /// instance may be leaving, and safety comes first.
    /// </summary>
    public bool InTransit => LifecycleStates.InTransit(LifecycleState) || !LifecycleStates.IsKnown(LifecycleState);

    /// <summary>
    /// Protected from scale in, or in Standby: an instance refresh with the operator's preferences (Wait) would wait for it
    /// and fail after an hour, and TerminateInstanceInAutoScalingGroup would override the protection.
    /// </summary>
    public bool HeldByUser => ProtectedFromScaleIn || LifecycleStates.IsStandby(LifecycleState);
}
