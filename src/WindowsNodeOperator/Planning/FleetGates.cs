namespace WindowsNodeOperator.Planning;

/// <summary>What the whole fleet allows now: the facts every candidate step is checked against.</summary>
/// <param name="ActiveRefreshes">Refreshes running in the policy's groups, the operator's or not.</param>
/// <param name="RequestedMinHealthyPercentage">refresh.minHealthyPercentage, when the user set it.</param>
internal sealed record FleetGates(
    BudgetState Budget,
    bool WindowOpen,
    DateTimeOffset? NextWindow,
    int ActiveRefreshes,
    int ConcurrentGroups,
    int? RequestedMinHealthyPercentage,
    IReadOnlyDictionary<string, GroupTarget> Groups);
