namespace WindowsNodeOperator.Cli.Plan;

/// <summary>Nodes replaced together: by one instance refresh's turn (<c>refresh</c>) or as single replacements (<c>replace</c>).</summary>
/// <param name="WindowStart">The maintenance window the batch starts in; null when the policy has none (any time).</param>
internal sealed record PlanBatch(
    int Number,
    string Group,
    string Kind,
    IReadOnlyList<PlanNode> Nodes,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd);
