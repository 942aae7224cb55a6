namespace WindowsNodeOperator.Planning;

/// <summary>Cancel the group's instance refresh the operator started.</summary>
internal sealed record CancelRefresh(string Group, string RefreshId, CancelReason Reason) : PlanAction;
