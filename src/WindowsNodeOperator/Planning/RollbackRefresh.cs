namespace WindowsNodeOperator.Planning;

/// <summary>
/// Roll back the group's instance refresh the operator started, because its AMI failed: <paramref name="Evidence"/> is
/// recorded as the reason the AMI is held, before the rollback is asked for.
/// </summary>
internal sealed record RollbackRefresh(string Group, string RefreshId, string ImageId, string Evidence) : PlanAction;
