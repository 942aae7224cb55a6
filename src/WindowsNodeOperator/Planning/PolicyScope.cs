using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Which nodes and groups a policy covers.</summary>
internal static class PolicyScope
{
    /// <summary>A Windows node carrying every label of the policy's node selector.</summary>
    public static bool Selects(WindowsNodePolicySpec spec, NodeFacts node) =>
        node.Labels.TryGetValue(WindowsNodePolicySpec.OsLabel, out var os)
        && os == WindowsNodePolicySpec.OsLabelValue
        && (spec.NodeSelector ?? []).All(l => node.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    /// <summary>A group named by the policy, or carrying every one of its tags (selected; whether it is the operator's to touch is <see cref="GroupOwnership"/>'s to say).</summary>
    public static bool Owns(WindowsNodePolicySpec spec, GroupFacts group)
    {
        var selector = spec.AutoScalingGroups;
        if (selector.Names is { Count: > 0 } names)
        {
            return names.Contains(group.Name, StringComparer.Ordinal);
        }

        return selector.Tags is { Count: > 0 } tags
            && tags.All(t => group.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
    }

    /// <summary>
    /// The policy's groups the operator may act on, one per name, ordered by name so every plan walks them the same way: those
    /// it selects and, when <paramref name="ownership"/> is given, that carry the ownership tags.
    /// </summary>
    public static IReadOnlyList<GroupFacts> Groups(WindowsNodePolicySpec spec, IEnumerable<GroupFacts> groups, GroupOwnership? ownership = null) =>
        Selected(spec, groups)
            .Where(g => ownership is null || ownership.Missing(g).Count == 0)
            .ToList();

    /// <summary>
    /// The groups the policy selects that lack an ownership tag, with what they lack. Without <paramref name="ownership"/>
    /// (the read-only <c>plan</c> and <c>report</c> commands, which know no cluster name) none.
    /// </summary>
    public static IReadOnlyList<NotOwnedGroup> NotOwned(WindowsNodePolicySpec spec, IEnumerable<GroupFacts> groups, GroupOwnership? ownership) =>
        ownership is null
            ? []
            : Selected(spec, groups)
                .Select(g => new NotOwnedGroup(g.Name, ownership.Missing(g)))
                .Where(g => g.MissingTags.Count > 0)
                .ToList();

    private static IEnumerable<GroupFacts> Selected(WindowsNodePolicySpec spec, IEnumerable<GroupFacts> groups) =>
        groups.Where(g => Owns(spec, g))
            .GroupBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(g => g.Name, StringComparer.Ordinal);

    /// <summary>Groups the policy names that the snapshot does not hold.</summary>
    public static IReadOnlyList<string> MissingGroups(WindowsNodePolicySpec spec, IEnumerable<GroupFacts> groups)
    {
        var present = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        return (spec.AutoScalingGroups.Names ?? []).Where(n => !present.Contains(n)).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
