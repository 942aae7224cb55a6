using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation.Status;

/// <summary>Turns a plan, what was gathered and what went wrong into the policy's status.</summary>
internal static class PolicyStatusBuilder
{
    public static WindowsNodePolicyStatus Build(
        WindowsNodePolicy policy, Gathered gathered, Plan plan, PolicyLedger ledger, IReadOnlyList<Problem> problems, HookReport hooks, DateTimeOffset now)
    {
        var previous = policy.Status;
        var groups = gathered.Snapshot.Groups;
        var active = groups
            .Where(g => g.ActiveRefresh is { StartedByOperator: true } && InPolicy(plan, g.Name))
            .Select(g => (g.Name, Refresh: g.ActiveRefresh!))
            .OrderBy(g => g.Refresh.StartedAt)
            .FirstOrDefault();
        var last = groups
            .Where(g => g.LastRefresh is { } r && ledger.Started(r.Id) && InPolicy(plan, g.Name))
            .Select(g => (g.Name, Refresh: g.LastRefresh!))
            .OrderByDescending(g => g.Refresh.FinishedAt)
            .FirstOrDefault();

        var all = problems.Concat(PlanProblems(gathered, plan)).ToList();
        var degraded = all.FirstOrDefault();
        var anyRefresh = groups.Where(g => InPolicy(plan, g.Name)).Select(g => (g.Name, g.ActiveRefresh)).FirstOrDefault(g => g.ActiveRefresh is not null);
        var cordoned = plan.Nodes.Count(n => n.CordonedByOperator);
        var progressing = anyRefresh.ActiveRefresh is not null || hooks.Draining > 0 || cordoned > 0 || plan.Action.Changes;
        var compliant = plan.Counts.Expired == 0 && plan.Counts.Drifted == 0;
        var ready = compliant && !progressing && degraded is null && plan.Problems.Count == 0;

        var conditions = new ConditionSet(previous?.Conditions, policy.Metadata.Generation, now)
            .Set(WindowsNodePolicyConditions.Ready, ready, ReadyReason(plan, compliant, progressing, degraded), ReadyMessage(plan, compliant))
            .Set(
                WindowsNodePolicyConditions.Progressing,
                progressing,
                anyRefresh.ActiveRefresh is not null ? "RefreshInProgress" : hooks.Draining > 0 ? "Draining" : cordoned > 0 || plan.Action.Changes ? "Replacing" : "Idle",
                ProgressMessage(anyRefresh.Name, anyRefresh.ActiveRefresh, ledger, hooks, cordoned))
            .Set(
                WindowsNodePolicyConditions.Degraded,
                degraded is not null,
                degraded?.Reason ?? DegradedReasons.AsExpected,
                degraded is null ? "no problem found" : string.Join("; ", all.Where(p => p.Reason == degraded.Reason).Select(p => p.Message).Distinct()))
            .Build();

        return new WindowsNodePolicyStatus
        {
            Conditions = conditions,
            LatestAmiId = gathered.Snapshot.LatestAmi is AmiFound found ? found.ImageId : previous?.LatestAmiId,
            AmiCheckedAt = gathered.Snapshot.LatestAmi is AmiFound f ? f.CheckedAt : previous?.AmiCheckedAt,
            Nodes = new NodeCounts
            {
                Total = plan.Counts.Total,
                Expired = plan.Counts.Expired,
                Drifted = plan.Counts.Drifted,
                Compliant = plan.Counts.Compliant,
                Unmatched = gathered.Unmatched?.Count ?? previous?.Nodes?.Unmatched ?? 0,
                OldestLaunchTime = plan.Counts.OldestLaunchTime,
            },
            NextExpiry = plan.Counts.NextExpiry,
            NextMaintenanceWindow = plan.Counts.NextMaintenanceWindow,
            ActiveRefresh = active.Refresh is { } a
                ? new RefreshStatus { Group = active.Name, Id = a.Id, Status = a.Status, PercentComplete = a.PercentComplete, StartedAt = a.StartedAt }
                : null,
            LastRefresh = last.Refresh is { } l
                ? new FinishedRefreshStatus
                {
                    Group = last.Name,
                    Id = l.Id,
                    Status = l.Status,
                    StartedAt = ledger.Refreshes.TryGetValue(l.Id, out var mine) ? mine.StartedAt : null,
                    FinishedAt = l.FinishedAt,
                    PercentComplete = l.Status == RefreshStatuses.Successful ? 100 : null,
                }
                : previous?.LastRefresh,
            PendingReplacements = plan.Nodes
                .Where(n => !n.Unmanaged && (n.Expired || n.Drifted || n.NotReadyTooLong))
                .OrderBy(n => !n.NotReadyTooLong)
                .ThenBy(n => n.LaunchTime)
                .ThenBy(n => n.Name, StringComparer.Ordinal)
                .Take(WindowsNodePolicyStatus.MaxPendingReplacements)
                .Select(n => new PendingReplacement
                {
                    Node = n.Name,
                    InstanceId = n.InstanceId ?? string.Empty,
                    Group = n.Group ?? string.Empty,
                    Reason = n.NotReadyTooLong ? ReplacementReason.NotReady : n.Expired ? ReplacementReason.Expired : ReplacementReason.Drifted,
                    LaunchTime = n.LaunchTime,
                })
                .ToList(),
            UnmatchedNodes = gathered.Unmatched is { } unmatched
                ? [.. unmatched.Take(WindowsNodePolicyStatus.MaxUnmatchedNodes)]
                : previous?.UnmatchedNodes,
        };
    }

    /// <summary>The Degraded problems the plan itself shows, in the order a person should fix them.</summary>
    public static IEnumerable<Problem> PlanProblems(Gathered gathered, Plan plan)
    {
        if (plan.Problems.Count > 0)
        {
            yield return new Problem(DegradedReasons.InvalidSpec, string.Join("; ", plan.Problems));
        }

        if (gathered.AmiParameterProblem is { } parameterProblem)
        {
            yield return new Problem(DegradedReasons.InvalidSpec, parameterProblem);
        }
        else if (gathered.AmiParameter is not null && gathered.Snapshot.LatestAmi is AmiLookupFailed failed)
        {
            yield return new Problem(DegradedReasons.AmiLookupFailed, $"the latest AMI could not be read from {gathered.AmiParameter}: {failed.Message}");
        }

        // Each Windows family a group is to run, read apart: one that could not be read holds back only its groups.
        foreach (var family in plan.Groups.Select(g => g.Family).OfType<WindowsAmiFamily>().Distinct())
        {
            var parameter = gathered.FamilyParameters?.GetValueOrDefault(family);
            if (parameter != gathered.AmiParameter && gathered.Snapshot.FamilyAmis?.GetValueOrDefault(family) is AmiLookupFailed lost)
            {
                yield return new Problem(
                    DegradedReasons.AmiLookupFailed,
                    $"the latest {family} AMI could not be read from {parameter ?? "its SSM parameter"}: {lost.Message} "
                    + $"(groups {string.Join(", ", plan.Groups.Where(g => g.Family == family).Select(g => g.Name))})");
            }
        }

        // A group the operator leaves alone because of its Windows version: the policy's intent is not met there.
        foreach (var target in plan.Groups)
        {
            if (target.WindowsBlock is { } block)
            {
                yield return new Problem(
                    block.Reason == WaitReason.WindowsVersionMismatch ? DegradedReasons.WindowsVersionMismatch : DegradedReasons.WindowsVersionUnknown,
                    block.Message);
            }
        }

        foreach (var missing in plan.MissingGroups)
        {
            yield return new Problem(DegradedReasons.GroupNotFound, $"Auto Scaling group {missing} does not exist");
        }

        // A group selected but not tagged as this cluster's and the operator's: IAM would refuse the writes, so none is tried.
        foreach (var unowned in plan.NotOwnedGroups ?? [])
        {
            yield return new Problem(DegradedReasons.GroupNotOwned, unowned.Message);
        }

        foreach (var target in plan.Groups)
        {
            if (target.FailedIn is { } failed)
            {
                yield return new Problem(DegradedReasons.RefreshFailed, GroupTargets.FailedWait(failed).Message);
            }
            else if (target.Hold is { Reason: WaitReason.PreviousRefreshFailedForAmi } hold)
            {
                yield return new Problem(DegradedReasons.RefreshFailed, hold.Message);
            }
        }

        // A refresh that failed for something other than its AMI (an instance held from scale in or in Standby, EC2 unable
        // to launch): the AMI is not held, and a person has to see the cause; until the group's next refresh starts.
        foreach (var target in plan.Groups)
        {
            if (target.Group is { ActiveRefresh: null, LastRefresh: { FailedForAnotherCause: true } last })
            {
                yield return new Problem(
                    DegradedReasons.RefreshBlocked,
                    $"instance refresh {last.Id} of group {target.Name} to AMI {last.TargetImageId ?? "unknown"} ended {last.Status} "
                    + $"({last.Cause}): {last.CauseMessage ?? last.StatusReason}; the AMI is not held, and the refresh is started again once the cause is gone");
            }
        }

        foreach (var group in plan.Groups.Where(g => g.Group.ManagedNodeGroup))
        {
            if (plan.Nodes.Any(n => n.Group == group.Name && (n.Expired || n.Drifted)))
            {
                yield return new Problem(
                    DegradedReasons.ManagedNodeGroup,
                    $"group {group.Name} belongs to EKS managed node group {group.Group.Tags[OperatorAnnotations.EksNodeGroupTag]}: its nodes are replaced only through EKS");
            }
        }

        foreach (var group in plan.Groups.Where(g => !g.Group.ManagedNodeGroup))
        {
            if (group.Group.UnsupportedMixedInstancesPolicy is { } unsupported && plan.Nodes.Any(n => n.Group == group.Name && (n.Expired || n.Drifted)))
            {
                yield return new Problem(DegradedReasons.UnsupportedMixedInstancesPolicy, unsupported);
            }
        }
    }

    private static bool InPolicy(Plan plan, string group) => plan.Groups.Any(g => g.Name == group);

    private static string ReadyReason(Plan plan, bool compliant, bool progressing, Problem? degraded) =>
        (compliant, progressing, degraded) switch
        {
            (_, _, { } d) => d.Reason,
            (true, false, null) => "Compliant",
            (_, true, null) => "ReplacementInProgress",
            _ => plan.Action is Wait wait ? wait.Reason.ToString() : "ReplacementsPending",
        };

    private static string ReadyMessage(Plan plan, bool compliant)
    {
        var counts = $"{plan.Counts.Compliant} of {plan.Counts.Total} nodes compliant ({plan.Counts.Expired} expired, {plan.Counts.Drifted} drifted)";
        return plan.Action switch
        {
            Wait wait => $"{counts}; waiting: {wait.Message}",
            NoAction when compliant => counts,
            NoAction => counts,
            var action => $"{counts}; next: {ActionText.Describe(action)}",
        };
    }

    private static string ProgressMessage(string? group, ActiveRefreshFacts? refresh, PolicyLedger ledger, HookReport hooks, int cordoned)
    {
        var parts = new List<string>();
        if (refresh is not null)
        {
            parts.Add($"instance refresh {refresh.Id} of group {group} is {refresh.Status}, {refresh.PercentComplete ?? 0}% complete"
                + (ledger.Refreshes.GetValueOrDefault(refresh.Id)?.AutoRollbackRefused is not null
                    ? " (without AWS auto rollback, which AWS refuses for this group: a failed AMI is undone by cancelling and restoring the previous launch template version)"
                    : string.Empty));
        }

        if (hooks.Draining > 0)
        {
            parts.Add($"draining {string.Join(", ", hooks.DrainingNodes)}");
        }

        if (hooks.WaitingForBudget > 0)
        {
            parts.Add($"{hooks.WaitingForBudget} terminating instance(s) wait for the disruption budget");
        }

        if (cordoned > 0 && hooks.Draining == 0)
        {
            parts.Add($"{cordoned} node(s) cordoned for replacement");
        }

        return parts.Count == 0 ? "nothing under way" : string.Join("; ", parts);
    }
}
