using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Finds the next step for one group, or why it has none.</summary>
internal static class GroupSteps
{
    public static (Candidate? Step, Blocked? Blocked) Next(
        GroupTarget target, IReadOnlyList<NodeVerdict> nodes, IReadOnlyDictionary<string, InstanceFacts> instances, WindowsNodePolicySpec spec,
        PolicySettings settings)
    {
        var group = target.Group;

        var templateStale = target.NeedsLaunchTemplate(spec.Ami.UpdateLaunchTemplate);

        // 0a. A node NotReady for notReadyReplaceAfter is already out: replace it before anything else the group has to do,
        //     by terminating its instance in the group (the group launches its replacement from the template). Not in a group
        //     the operator leaves alone (an EKS managed node group, a mixed instances policy it cannot carry), nor under a
        //     running refresh (it is replacing instances itself). A template about to change goes first (a group on
        //     $Latest then launches the target; one pinned to a version launches what it is pinned to, and the refresh
        //     replaces that node again); a group whose rollout is held (its Windows version, a held AMI) still has its
        //     broken nodes replaced, on the template it has.
        var rolloutHeld = target.WindowsBlock is not null || target.FailedIn is not null;
        if (!group.HandsOff && group.ActiveRefresh is null && (rolloutHeld || !templateStale)
            && NotReadyStep(group.Name, nodes, instances) is { } repair)
        {
            return (repair, null);
        }

        // 0b. The group's Windows version is unknown, or not the policy's: a new AMI of another build would stop its pods.
        if (target.WindowsBlock is { } block)
        {
            return (null, new Blocked(group.Name, block));
        }

        var work = nodes.Where(n => n.Group == group.Name && (n.Expired || n.Drifted)).ToList();
        if (work.Count == 0 && !templateStale)
        {
            return (null, null);
        }

        // 1. EKS owns a managed node group's template and rollouts: editing its Auto Scaling group would fight EKS.
        if (group.ManagedNodeGroup)
        {
            return (null, new Blocked(group.Name, new Wait(
                WaitReason.ManagedNodeGroup,
                $"group {group.Name} belongs to EKS managed node group {group.Tags[OperatorAnnotations.EksNodeGroupTag]}: update it through EKS")));
        }

        // 2. A mixed instances policy a refresh cannot carry whole: a refresh would leave nodes on the old AMI, or drop part of
        //    the policy when it succeeds (the desired configuration replaces the group's). Leave the group alone.
        if (group.UnsupportedMixedInstancesPolicy is { } unsupported)
        {
            return (null, new Blocked(group.Name, new Wait(WaitReason.UnsupportedMixedInstancesPolicy, unsupported)));
        }

        // 3. The target itself is a held AMI (it failed here or in another group): a retry would fail the same way.
        if (target.FailedIn is { } failed)
        {
            return (null, new Blocked(group.Name, GroupTargets.FailedWait(failed)));
        }

        // 4. Never a second refresh, nor a template change under a running one: it is the one doing the work.
        if (group.ActiveRefresh is { } active)
        {
            return (null, new Blocked(group.Name, new Wait(
                WaitReason.RefreshRunning, $"instance refresh {active.Id} of group {group.Name} is {active.Status}")));
        }

        // 5. The template first: a refresh or a replacement launches whatever the template says.
        if (templateStale)
        {
            return (new Candidate(StepKind.LaunchTemplate, group.Name, null,
                new UpdateLaunchTemplate(group.Name, group.LaunchTemplate!, target.TargetImageId!)), null);
        }

        var drifted = work.Where(n => n.Drifted).ToList();
        var protectedNodes = work.Where(n => n.Protected).Select(n => n.Name).ToList();
        var held = work.Where(n => HeldByUser(n, instances)).ToList();
        var replaceable = work
            .Where(n => !n.Protected && !n.CordonedByOperator && IsInService(n, instances) && !HeldByUser(n, instances))
            .OrderBy(n => n.LaunchTime)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();

        // 6. A drifted instance protected from scale in or in Standby: the operator's refresh (ScaleInProtectedInstances and
        //    StandbyInstances Wait) would wait an hour for it and fail, rolling back what it did. Someone holds that instance
        //    on purpose: say so, and refresh once it is released.
        if (drifted.Any(n => HeldByUser(n, instances)))
        {
            return (null, new Blocked(group.Name, HeldWait(group.Name, held, instances)));
        }

        // 7. Drift: one refresh replaces every instance not matching the template; matching ones (expired on the
        //    target) are skipped and replaced one by one after it.
        //    A refresh to the target that already succeeded and left drifted nodes behind (instances it skipped)
        //    would only do the same again: those go one by one too.
        var refreshedBefore = group.LastRefresh is { Status: RefreshStatuses.Successful } last && last.TargetImageId == target.TargetImageId;
        if (drifted.Count > 0 && !drifted.Any(n => n.Protected) && !refreshedBefore)
        {
            return (new Candidate(StepKind.Refresh, group.Name, null, Refresh(target, spec, settings)), null);
        }

        // 8. A refresh cannot skip a single instance. ScaleInProtectedInstances=Ignore would skip scale-in protected
        //    ones, but that means setting protection behind the user's back; replace the other nodes one by one instead.
        if (replaceable.Count > 0)
        {
            var node = replaceable[0];
            return (new Candidate(StepKind.Replacement, group.Name, node.LaunchTime,
                new ReplaceInstance(group.Name, node.InstanceId!, node.Name, node.Reasons)), null);
        }

        if (held.Count > 0)
        {
            return (null, new Blocked(group.Name, HeldWait(group.Name, held, instances)));
        }

        if (protectedNodes.Count > 0)
        {
            return (null, new Blocked(group.Name, new Wait(
                WaitReason.ProtectedNode,
                $"node {string.Join(", ", protectedNodes)} in group {group.Name} is due for replacement but opted out with {OperatorAnnotations.DoNotDisrupt}")));
        }

        // 9. Every due node is already on its way out (cordoned by us, or leaving the group).
        return (null, null);
    }

    /// <summary>The longest NotReady node of the group past notReadyReplaceAfter that may be replaced now, as a step.</summary>
    private static Candidate? NotReadyStep(string group, IReadOnlyList<NodeVerdict> nodes, IReadOnlyDictionary<string, InstanceFacts> instances) =>
        nodes
            .Where(n => n.Group == group && n.NotReadyTooLong && !n.Protected && !n.CordonedByOperator && IsInService(n, instances) && !HeldByUser(n, instances))
            .OrderBy(n => n.NotReadySince)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => new Candidate(StepKind.NotReadyReplacement, group, n.NotReadySince, new ReplaceInstance(group, n.InstanceId!, n.Name, n.Reasons)))
            .FirstOrDefault();

    /// <summary>Its instance is protected from scale in or in Standby: TerminateInstanceInAutoScalingGroup would override that too.</summary>
    private static bool HeldByUser(NodeVerdict node, IReadOnlyDictionary<string, InstanceFacts> instances) =>
        node.InstanceId is { } id && instances.TryGetValue(id, out var instance) && instance.HeldByUser;

    private static Wait HeldWait(string group, IReadOnlyList<NodeVerdict> held, IReadOnlyDictionary<string, InstanceFacts> instances) =>
        new(
            WaitReason.ScaleInProtectedOrStandby,
            $"node {string.Join(", ", held.Select(n => $"{n.Name} ({n.InstanceId}, {Why(instances[n.InstanceId!])})"))} in group {group} "
            + "is due for replacement but held: remove the scale-in protection or return the instance to service");

    private static string Why(InstanceFacts instance) =>
        LifecycleStates.IsStandby(instance.LifecycleState) ? "in Standby" : "protected from scale in";

    private static bool IsInService(NodeVerdict node, IReadOnlyDictionary<string, InstanceFacts> instances) =>
        node.InstanceId is { } id
        && instances.TryGetValue(id, out var instance)
        && instance.LifecycleState == LifecycleStates.InService;

    private static StartRefresh Refresh(GroupTarget target, WindowsNodePolicySpec spec, PolicySettings settings) =>
        // MinHealthyPercentage is set by StepGate once the budget is known; 100 (take nothing) until then.
        new(target.Name, target.TargetImageId!, new RefreshPreferences(
            MinHealthyPercentage: 100,
            MaxHealthyPercentage: spec.Refresh.MaxHealthyPercentage,
            InstanceWarmup: settings.InstanceWarmup,
            CheckpointPercentages: spec.Refresh.CheckpointPercentages?.ToList() ?? [],
            AutoRollback: spec.Refresh.AutoRollback,
            SkipMatching: true,
            DesiredLaunchTemplate: target.Group.LaunchTemplate,
            MixedInstancesPolicy: target.Group.MixedInstancesPolicy));
}
