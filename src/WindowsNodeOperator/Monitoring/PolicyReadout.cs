using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Monitoring;

/// <summary>What one reconcile of a policy reports to the gauges: its counts, each managed node, each group.</summary>
internal sealed record PolicyReadout(
    string Policy,
    FleetCounts Counts,
    double OldestAgeSeconds,
    int Draining,
    double ReconciledAt,
    IReadOnlyList<NodeSeries> Nodes,
    IReadOnlyList<GroupSeries> Groups,
    string? LatestAmi,
    double? LatestAmiReleasedAt)
{
    public static PolicyReadout From(string policy, Gathered gathered, Plan plan, int draining, DateTimeOffset now)
    {
        var maxNodeAge = PolicyValidation.Read(gathered.Snapshot.Policy).Settings?.MaxNodeAge;
        var nodes = plan.Nodes
            .Where(n => !n.Unmanaged)
            .Select(n => new NodeSeries(
                n.Name,
                n.Group ?? string.Empty,
                n.InstanceId ?? string.Empty,
                n.ImageId ?? string.Empty,
                n.LaunchTime is { } launched && maxNodeAge is { } age ? Seconds(launched + age) : null))
            .ToList();
        var failed = FailedGroups(plan);
        var groups = plan.Groups
            .Select(g => new GroupSeries(g.Name, g.Group.ActiveRefresh is { StartedByOperator: true }, failed.Contains(g.Name)))
            .ToList();
        var ami = gathered.Snapshot.LatestAmi as AmiFound;
        return new PolicyReadout(
            policy,
            plan.Counts,
            plan.Counts.OldestLaunchTime is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            draining,
            Seconds(now),
            nodes,
            groups,
            ami?.ImageId,
            ami?.CreatedAt is { } created ? Seconds(created) : null);
    }

    private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    // The groups whose failed refresh holds the policy back: the same ones its Degraded condition names (RefreshFailed).
    private static HashSet<string> FailedGroups(Plan plan)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in plan.Groups)
        {
            if (target.FailedIn is { } held)
            {
                failed.Add(held.Group);
            }
            else if (target.Hold is { Reason: WaitReason.PreviousRefreshFailedForAmi })
            {
                failed.Add(target.Name);
            }
        }

        return failed;
    }
}
