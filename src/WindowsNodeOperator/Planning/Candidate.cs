namespace WindowsNodeOperator.Planning;

/// <summary>A step a group is ready for, before the fleet-wide gates (window, budget, concurrency) are asked.</summary>
/// <param name="Since">For replacements, the node's launch time: the oldest goes first.</param>
internal sealed record Candidate(StepKind Kind, string Group, DateTimeOffset? Since, PlanAction Action);
