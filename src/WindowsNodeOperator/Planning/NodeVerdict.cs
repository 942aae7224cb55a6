namespace WindowsNodeOperator.Planning;

/// <summary>How one selected Windows node stands against the policy.</summary>
/// <param name="Group">The policy's group that owns the node; null when <paramref name="Unmanaged"/>.</param>
/// <param name="LaunchTime">The instance's original launch time, when the instance is known.</param>
/// <param name="Age">Now minus <paramref name="LaunchTime"/>.</param>
/// <param name="TargetImageId">The AMI the node's group should run; null when the planner has none for it.</param>
/// <param name="NotReadySince">When a node that is not Ready stopped being Ready, when known.</param>
/// <param name="NotReadyTooLong">NotReady for at least disruption.notReadyReplaceAfter: due for replacement, first.</param>
internal sealed record NodeVerdict(
    string Name,
    string? InstanceId,
    string? Group,
    DateTimeOffset? LaunchTime,
    TimeSpan? Age,
    string? ImageId,
    string? TargetImageId,
    bool Ready,
    bool CordonedByOperator,
    bool Expired,
    bool Drifted,
    bool Protected,
    bool Unmanaged,
    DateTimeOffset? NotReadySince = null,
    bool NotReadyTooLong = false)
{
    public bool Compliant => !Expired && !Drifted && !Unmanaged;

    public ReplacementReasons Reasons =>
        (Expired ? ReplacementReasons.Expired : ReplacementReasons.None)
        | (Drifted ? ReplacementReasons.Drifted : ReplacementReasons.None)
        | (NotReadyTooLong ? ReplacementReasons.NotReady : ReplacementReasons.None);
}
