namespace WindowsNodeOperator.Planning;

/// <summary>Checks one candidate step against the fleet: the first rule that stops it names the wait.</summary>
internal static class StepGate
{
    /// <summary>The action to take (with refresh preferences completed), or the wait that stops it.</summary>
    public static PlanAction Check(Candidate candidate, FleetGates fleet)
    {
        var budget = fleet.Budget;

        // 1. A sick fleet is not made sicker: with more nodes NotReady than the budget, nothing new starts.
        if (budget.NotReady > budget.MaxUnavailable)
        {
            return new Wait(
                WaitReason.TooManyNotReady,
                $"{budget.NotReady} selected nodes are NotReady, more than maxUnavailable {budget.MaxUnavailable}");
        }

        // 2. Outside every maintenance window nothing starts; what runs may continue.
        if (!fleet.WindowOpen)
        {
            return new Wait(
                WaitReason.OutsideMaintenanceWindow,
                fleet.NextWindow is { } next
                    ? $"outside the maintenance windows; the next opens at {next:u}"
                    : "outside the maintenance windows");
        }

        switch (candidate.Action)
        {
            case StartRefresh refresh:
                // 3. refresh.concurrentGroups bounds how many groups roll at once.
                if (fleet.ActiveRefreshes >= fleet.ConcurrentGroups)
                {
                    return new Wait(
                        WaitReason.RefreshRunning,
                        $"{fleet.ActiveRefreshes} instance refresh(es) running, refresh.concurrentGroups is {fleet.ConcurrentGroups}; group {refresh.Group} is next");
                }

                if (budget.Left < 1)
                {
                    return BudgetSpent(budget, $"refresh group {refresh.Group}");
                }

                // 4. The refresh may take at most what is left of the policy-wide budget at once.
                var size = fleet.Groups[refresh.Group].Group.DesiredCapacity;
                return refresh with
                {
                    Preferences = refresh.Preferences with
                    {
                        MinHealthyPercentage = RefreshBudget.MinHealthyPercentage(size, budget.Left, fleet.RequestedMinHealthyPercentage),
                    },
                };

            case ReplaceInstance { Reasons: var reasons } replace when reasons.HasFlag(ReplacementReasons.NotReady):
                // 5. A node NotReady too long is already counted out: replacing it takes nothing more, so only the rest of
                //    what is out must fit (with maxUnavailable 1 and that node alone out, it goes; it never waits on itself).
                return budget.Unavailable - 1 >= budget.MaxUnavailable
                    ? BudgetSpent(budget, $"replace node {replace.Node}, NotReady")
                    : replace;

            case ReplaceInstance replace:
                return budget.Left < 1 ? BudgetSpent(budget, $"replace node {replace.Node}") : replace;

            default:
                return candidate.Action;
        }
    }

    private static Wait BudgetSpent(BudgetState budget, string next) =>
        new(
            WaitReason.BudgetSpent,
            $"{budget.Unavailable} of maxUnavailable {budget.MaxUnavailable} nodes are out; waiting to {next}");
}
