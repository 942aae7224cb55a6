namespace WindowsNodeOperator.Planning;

/// <summary>What the planner decided for one snapshot.</summary>
/// <param name="Action">The one action allowed now; in dry run a <see cref="Wait"/> with reason DryRun.</param>
/// <param name="DryRunAction">In dry run, the action that would have been taken, for status and events.</param>
/// <param name="Groups">The policy's groups with their target AMI.</param>
/// <param name="Budget">Null when the spec is invalid.</param>
/// <param name="Problems">Spec problems; any of them and the plan is Wait(InvalidSpec) with nothing else decided.</param>
/// <param name="MissingGroups">Groups the policy names that do not exist.</param>
/// <param name="NotOwnedGroups">Groups the policy selects that lack the ownership tags: nothing is done to them.</param>
/// <param name="RequeueAt">When to look again at the latest; null when only a change can make a difference.</param>
internal sealed record Plan(
    PlanAction Action,
    PlanAction? DryRunAction,
    IReadOnlyList<NodeVerdict> Nodes,
    IReadOnlyList<GroupTarget> Groups,
    FleetCounts Counts,
    BudgetState? Budget,
    IReadOnlyList<PolicyProblem> Problems,
    IReadOnlyList<string> MissingGroups,
    DateTimeOffset? RequeueAt,
    IReadOnlyList<NotOwnedGroup>? NotOwnedGroups = null);
