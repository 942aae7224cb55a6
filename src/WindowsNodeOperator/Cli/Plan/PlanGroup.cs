namespace WindowsNodeOperator.Cli.Plan;

/// <summary>A group of the policy in rollout order: its target AMI, its steps, and why it cannot move when it cannot.</summary>
/// <param name="Order">1 for the first group to roll; null for a group with nothing to do or blocked.</param>
/// <param name="Steps">In order: <c>update launch template</c>, <c>instance refresh (min healthy N%)</c>, <c>replace N nodes</c>.</param>
internal sealed record PlanGroup(
    int? Order,
    string Group,
    int DesiredCapacity,
    string? TargetImageId,
    string? LaunchTemplateImageId,
    IReadOnlyList<string> Steps,
    int NodesDue,
    string? Blocked);
