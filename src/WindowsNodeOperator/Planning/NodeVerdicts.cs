namespace WindowsNodeOperator.Planning;

/// <summary>Judges every selected Windows node: its age, whether it expired, drifted, is protected or unmanaged.</summary>
internal static class NodeVerdicts
{
    public static IReadOnlyList<NodeVerdict> Judge(
        IEnumerable<NodeFacts> selected,
        IReadOnlyDictionary<string, InstanceFacts> instances,
        IReadOnlyDictionary<string, GroupTarget> groups,
        TimeSpan maxNodeAge,
        DateTimeOffset now,
        TimeSpan? notReadyReplaceAfter = null) =>
        selected
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => Judge(n, instances, groups, maxNodeAge, now, notReadyReplaceAfter))
            .ToList();

    private static NodeVerdict Judge(
        NodeFacts node,
        IReadOnlyDictionary<string, InstanceFacts> instances,
        IReadOnlyDictionary<string, GroupTarget> groups,
        TimeSpan maxNodeAge,
        DateTimeOffset now,
        TimeSpan? notReadyReplaceAfter)
    {
        var notReadySince = node.Ready ? null : node.NotReadySince;
        var instance = node.InstanceId is { } id ? instances.GetValueOrDefault(id) : null;
        var group = instance is not null ? groups.GetValueOrDefault(instance.Group) : null;
        var age = instance is not null ? now - instance.OriginalLaunchTime : (TimeSpan?)null;
        return new NodeVerdict(
            node.Name,
            node.InstanceId,
            group?.Name,
            instance?.OriginalLaunchTime,
            age,
            instance?.ImageId,
            group?.TargetImageId,
            node.Ready,
            node.CordonedByOperator,
            // At exactly maxNodeAge the node is expired: the requeue lands on that instant and must act.
            Expired: age >= maxNodeAge,
            Drifted: group?.TargetImageId is { } target && instance!.ImageId != target,
            node.Protected,
            Unmanaged: group is null,
            notReadySince,
            // A node NotReady with no known start is not judged: its time cannot be told.
            NotReadyTooLong: group is not null && notReadyReplaceAfter is { } bound && notReadySince is { } since && now - since >= bound);
    }

    public static FleetCounts Count(
        IReadOnlyList<NodeVerdict> verdicts, TimeSpan maxNodeAge, DateTimeOffset? nextWindow) =>
        // Nodes the selector matches but no group of the policy owns are counted apart: the policy cannot
        // replace them, so they make neither its total nor its oldest launch.
        new(
            verdicts.Count(v => !v.Unmanaged),
            verdicts.Count(v => v.Expired),
            verdicts.Count(v => v.Drifted),
            verdicts.Count(v => v.Compliant),
            verdicts.Count(v => v.Unmanaged),
            verdicts.Where(v => !v.Unmanaged).Select(v => v.LaunchTime).Where(t => t is not null).Min(),
            // The next managed node to cross maxNodeAge, whatever its AMI: a drifted node expires too.
            verdicts.Where(v => !v.Unmanaged && !v.Expired && v.LaunchTime is not null).Select(v => v.LaunchTime + maxNodeAge).Min(),
            nextWindow);
}
