namespace WindowsNodeOperator.Planning;

/// <summary>Why the operator cancels its own instance refresh.</summary>
internal enum CancelReason
{
    /// <summary>The policy was paused while the refresh ran.</summary>
    PolicyPaused,

    /// <summary>The refresh rolls out an AMI that is no longer the group's target.</summary>
    AmiNoLongerTarget,
}
