namespace WindowsNodeOperator.Planning;

/// <summary>Work is due but may not start now; <paramref name="Message"/> says why in words a user can act on.</summary>
internal sealed record Wait(WaitReason Reason, string Message) : PlanAction;
