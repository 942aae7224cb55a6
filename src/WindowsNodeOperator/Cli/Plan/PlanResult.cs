using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>What <c>plan</c> prints: the target AMI and why, the action allowed now, the rollout and when it ends.</summary>
/// <param name="Now">The planner's one action now, in words; <paramref name="WaitReason"/> when it is a wait.</param>
/// <param name="CompliantBy">When the last batch ends, laid into the maintenance windows; null when nothing is due or no window opens again.</param>
internal sealed record PlanResult(
    string Policy,
    DateTimeOffset At,
    string? AmiParameter,
    PlanAmi? LatestAmi,
    string Now,
    string? WaitReason,
    string? DryRunWouldDo,
    bool WindowOpen,
    DateTimeOffset? NextWindow,
    BudgetState? Budget,
    FleetCounts Counts,
    IReadOnlyList<PlanGroup> Groups,
    IReadOnlyList<PlanBatch> Batches,
    IReadOnlyList<string> DrainBlockers,
    IReadOnlyList<string> MissingGroups,
    int BatchMinutes,
    DateTimeOffset? CompliantBy)
{
    public bool ReplacementsDue => Batches.Count > 0 || Counts.Expired + Counts.Drifted > 0;
}

/// <summary>The latest AMI: built (<paramref name="CreatedAt"/>), released (the SSM parameter's LastModifiedDate), soaked.</summary>
/// <param name="Hold">Why it is not the target yet (soaking, unknown age, a refresh to it failed), when it is not.</param>
internal sealed record PlanAmi(string ImageId, DateTimeOffset? CreatedAt, DateTimeOffset? PublishedAt, DateTimeOffset? SoakEndsAt, string? Hold);
