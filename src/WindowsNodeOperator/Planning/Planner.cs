namespace WindowsNodeOperator.Planning;

/// <summary>
/// The pure heart of the operator: from a <see cref="FleetSnapshot"/> to a <see cref="Plan"/> with one action.
/// No I/O, no clock (now is in the snapshot), no logging; the same snapshot always gives the same plan.
/// </summary>
internal static class Planner
{
    public static Plan Plan(FleetSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var spec = snapshot.Policy.Spec;
        var now = snapshot.Now;

        // 1. An invalid spec plans nothing: acting on half-understood intent is worse than waiting for a fix.
        var reading = PolicyValidation.Read(snapshot.Policy);
        var missing = PolicyScope.MissingGroups(spec, snapshot.Groups);
        var notOwned = PolicyScope.NotOwned(spec, snapshot.Groups, snapshot.Ownership);
        if (reading.Settings is not { } settings)
        {
            return Invalid(reading.Problems, missing, notOwned);
        }

        // 2. Only groups carrying the ownership tags are the policy's to act on: the rest are reported, never touched, and
        //    their nodes are judged as nodes of no group of the policy.
        var policyGroups = PolicyScope.Groups(spec, snapshot.Groups, snapshot.Ownership).ToList();
        var failedAmis = snapshot.FailedAmis ?? [];
        var groups = GroupTargets.ResolveAll(snapshot, policyGroups, failedAmis, settings.SoakTime);
        var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        // A group not owned is described like the others, but its instances are none of the policy's: its nodes are judged
        // as nodes of a group the policy does not select (no age, no AMI), so they are never due nor counted.
        var notOwnedNames = notOwned.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var instances = snapshot.Instances
            .Where(i => !notOwnedNames.Contains(i.Group))
            .GroupBy(i => i.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // 3. Linux nodes and nodes outside the selector are not ours to judge.
        var selected = snapshot.Nodes
            .Where(n => PolicyScope.Selects(spec, n))
            .GroupBy(n => n.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var verdicts = NodeVerdicts.Judge(selected, instances, byName, settings.MaxNodeAge, now, settings.NotReadyReplaceAfter);
        var nextWindow = settings.Windows.NextStart(now);
        var budget = DisruptionBudget.Measure(
            settings.MaxUnavailable, selected, snapshot.Instances, groups, now, Api.PolicyDuration.Parse(spec.Refresh.LaunchTimeout).Value);

        var gates = new FleetGates(
            budget,
            settings.Windows.IsOpen(now),
            nextWindow,
            groups.Count(g => g.Group.ActiveRefresh is not null),
            spec.Refresh.ConcurrentGroups,
            spec.Refresh.MinHealthyPercentage,
            byName);
        var action = Decide(snapshot, settings, groups, verdicts, instances, gates);

        var inFlight = gates.ActiveRefreshes > 0
            || selected.Any(n => n.CordonedByOperator)
            || snapshot.Instances.Any(i => byName.ContainsKey(i.Group) && i.InTransit);

        // 4. Dry run computes everything, then reports instead of acting.
        PlanAction? wouldTake = null;
        if (spec.Disruption.DryRun && action.Changes)
        {
            wouldTake = action;
            action = new Wait(WaitReason.DryRun, "dry run: would " + ActionText.Describe(action));
        }

        return new Plan(
            action,
            wouldTake,
            verdicts,
            groups,
            NodeVerdicts.Count(verdicts, settings.MaxNodeAge, nextWindow),
            budget,
            reading.Problems,
            missing,
            Requeue.At(snapshot, settings, verdicts, inFlight || action.Changes, nextWindow),
            notOwned);
    }

    private static PlanAction Decide(
        FleetSnapshot snapshot,
        PolicySettings settings,
        IReadOnlyList<GroupTarget> groups,
        IReadOnlyList<NodeVerdict> verdicts,
        IReadOnlyDictionary<string, InstanceFacts> instances,
        FleetGates gates)
    {
        var spec = snapshot.Policy.Spec;

        // 1. Paused: nothing new; our own running refresh is stopped too, since pausing means "hands off now".
        if (spec.Disruption.Paused)
        {
            return groups.FirstOrDefault(g => Cancellable(g.Group.ActiveRefresh)) is { } running
                ? new CancelRefresh(running.Name, running.Group.ActiveRefresh!.Id, CancelReason.PolicyPaused)
                : new Wait(WaitReason.Paused, "disruption.paused is set");
        }

        // 2. Our refresh's new instances never became Ready nodes, more of them than the policy allows
        //    (refresh.maxFailedLaunches), pods on its new nodes were not Ready within refresh.podReadyTimeout, or its AMI is already held (it failed in another group, or a look recorded it and
        //    stopped before rolling back): roll it back now, instead of letting Auto Scaling retry for the hour it gives a
        //    refresh that makes no progress (https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-overview.html).
        foreach (var group in groups)
        {
            if (group.Group.ActiveRefresh is { TargetImageId: { } image } refresh && Cancellable(refresh))
            {
                var failed = refresh.FailedLaunches ?? [];
                if (failed.Count >= spec.Refresh.MaxFailedLaunches)
                {
                    return new RollbackRefresh(group.Name, refresh.Id, image, LaunchEvidence(spec, failed));
                }

                // A Ready node is not proof of a good AMI: pods bound to the new nodes that never become Ready are.
                if (NewNodeWorkloads.Overdue(refresh, spec.Refresh, snapshot.Now) is { Count: > 0 } overdue)
                {
                    return new RollbackRefresh(group.Name, refresh.Id, image, NewNodeWorkloads.Evidence(spec.Refresh, overdue, snapshot.Now));
                }

                if (snapshot.FailedAmis?.FirstOrDefault(f => f.ImageId == image) is { } held)
                {
                    return new RollbackRefresh(group.Name, refresh.Id, image, held.Reason);
                }
            }
        }

        // 3. Our refresh rolls out an AMI that is no longer the target (a newer one soaked): stop it before it replaces
        //    more nodes with the wrong image; the next plan starts the right one.
        foreach (var group in groups)
        {
            if (group.Group.ActiveRefresh is { } refresh && Cancellable(refresh)
                && refresh.TargetImageId is { } rolling && group.TargetImageId is { } target && rolling != target)
            {
                return new CancelRefresh(group.Name, refresh.Id, CancelReason.AmiNoLongerTarget);
            }
        }

        // 4. Each group's next step, in rollout order (templates, refreshes, then the oldest node first); the first
        //    the fleet allows is taken, else the first one's reason is the wait.
        var steps = groups.Select(g => GroupSteps.Next(g, verdicts, instances, spec, settings)).ToList();
        Wait? firstWait = null;
        foreach (var candidate in steps.Select(s => s.Step).OfType<Candidate>()
                     .OrderBy(c => c.Kind)
                     .ThenBy(c => c.Since)
                     .ThenBy(c => c.Group, StringComparer.Ordinal))
        {
            var checkedAction = StepGate.Check(candidate, gates);
            if (checkedAction is not Wait wait)
            {
                return checkedAction;
            }

            firstWait ??= wait;
        }

        if (firstWait is not null)
        {
            return firstWait;
        }

        // 5. Work no step can do: managed node groups, failed AMIs, protected nodes, running refreshes. Name them all.
        var blocked = steps.Select(s => s.Blocked).OfType<Blocked>().ToList();
        if (blocked.Count > 0)
        {
            return new Wait(blocked[0].Why.Reason, string.Join("; ", blocked.Select(b => b.Why.Message)));
        }

        if (groups.FirstOrDefault(g => g.Group.ActiveRefresh is not null) is { } active)
        {
            var refresh = active.Group.ActiveRefresh!;
            return new Wait(WaitReason.RefreshRunning, $"instance refresh {refresh.Id} of group {active.Name} is {refresh.Status}");
        }

        // 6. Nothing due, but a newer AMI waits (soaking, unknown, failed before): say so.
        return groups.Select(g => g.Hold).OfType<Wait>().FirstOrDefault() is { } hold ? hold : NoAction.Instance;
    }

    /// <summary>The evidence that holds an AMI: how many new instances never became Ready nodes, and which.</summary>
    public static string LaunchEvidence(Api.WindowsNodePolicySpec spec, IReadOnlyList<string> instances) =>
        $"{instances.Count} new instance(s) never became Ready nodes within refresh.launchTimeout {spec.Refresh.LaunchTimeout} "
        + $"({string.Join(", ", instances.Take(10))}{(instances.Count > 10 ? ", ..." : string.Empty)})";

    private static bool Cancellable(ActiveRefreshFacts? refresh) =>
        refresh is { StartedByOperator: true } && RefreshStatuses.IsCancellable(refresh.Status);

    private static Plan Invalid(IReadOnlyList<PolicyProblem> problems, IReadOnlyList<string> missing, IReadOnlyList<NotOwnedGroup> notOwned) =>
        new(
            new Wait(WaitReason.InvalidSpec, string.Join("; ", problems)),
            null,
            [],
            [],
            new FleetCounts(0, 0, 0, 0, 0, null, null, null),
            null,
            problems,
            missing,
            null,
            notOwned);
}
