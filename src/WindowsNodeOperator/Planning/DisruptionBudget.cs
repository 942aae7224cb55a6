namespace WindowsNodeOperator.Planning;

/// <summary>Measures how much of the policy-wide maxUnavailable is spent.</summary>
internal static class DisruptionBudget
{
    public static BudgetState Measure(
        MaxUnavailable maxUnavailable,
        IReadOnlyList<NodeFacts> selected,
        IReadOnlyList<InstanceFacts> instances,
        IReadOnlyList<GroupTarget> groups,
        DateTimeOffset? now = null,
        TimeSpan? joinWithin = null)
    {
        var ours = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var groupOf = instances.Where(i => ours.Contains(i.Group)).GroupBy(i => i.Id).ToDictionary(g => g.Key, g => g.First().Group);

        // 1. One instance is one unit out, however many reasons it has (cordoned, NotReady, terminating). A node joining
        //    without its providerID yet is its launching instance, counted below (in transit, or in service and not joined):
        //    counting it by name too would count one new machine twice.
        var outUnits = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var node in selected.Where(n => (n.CordonedByOperator || !n.Ready) && !n.Joining))
        {
            var key = node.InstanceId ?? "node/" + node.Name;
            outUnits[key] = node.InstanceId is { } id ? groupOf.GetValueOrDefault(id) : null;
        }

        foreach (var instance in instances.Where(i => ours.Contains(i.Group) && i.InTransit))
        {
            outUnits[instance.Id] = instance.Group;
        }

        // 1a. Auto Scaling puts a new instance in service before its node registers (no launch hook outside our refreshes):
        //     until its node joins it serves nothing. Only for as long as a launch may take (refresh.launchTimeout), so an
        //     instance whose node the selector does not list cannot hold the budget for ever.
        if (now is { } at && joinWithin is { } within)
        {
            var joined = selected.Select(n => n.InstanceId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var instance in instances.Where(i => ours.Contains(i.Group) && i.LifecycleState == LifecycleStates.InService
                         && at - i.OriginalLaunchTime < within && !joined.Contains(i.Id)))
            {
                outUnits[instance.Id] = instance.Group;
            }
        }

        // 2. A running refresh may take more between two looks: reserve what its preferences allow it to take.
        var reserved = 0;
        foreach (var group in groups)
        {
            if (group.Group.ActiveRefresh is { } refresh)
            {
                var outInGroup = outUnits.Values.Count(g => g == group.Name);
                reserved += Math.Max(0, RefreshBudget.Reservation(group.Group.DesiredCapacity, refresh.MinHealthyPercentage) - outInGroup);
            }
        }

        return new BudgetState(
            maxUnavailable.Resolve(selected.Count),
            outUnits.Count + reserved,
            selected.Count(n => !n.Ready));
    }
}
