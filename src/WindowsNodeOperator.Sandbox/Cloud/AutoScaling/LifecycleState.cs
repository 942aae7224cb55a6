namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The lifecycle state of an instance in an Auto Scaling group.</summary>
public enum LifecycleState
{
    Pending,
    PendingWait,
    PendingProceed,
    InService,
    Terminating,
    TerminatingWait,
    TerminatingProceed,
    Terminated,

    /// <summary>Taken out of service with EnterStandby: still a member, not counted toward desired capacity.</summary>
    Standby,
}
