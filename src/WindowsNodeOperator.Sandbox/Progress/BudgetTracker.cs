using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>The lowest headroom any PodDisruptionBudget showed: the first budget to reach the minimum keeps it.</summary>
internal sealed class BudgetTracker
{
    public BudgetHeadroom? Lowest { get; private set; }

    public void Seen(JsonObject budget, DateTimeOffset at)
    {
        // A budget whose status is not computed yet, or that matches no pod, says nothing about disruption.
        if (JsonRead.Long(budget, "status", "expectedPods") is not > 0
            || JsonRead.Long(budget, "status", "currentHealthy") is not { } current
            || JsonRead.Long(budget, "status", "desiredHealthy") is not { } desired)
        {
            return;
        }

        var headroom = current - desired;
        if (Lowest is null || headroom < Lowest.Headroom)
        {
            Lowest = new BudgetHeadroom(JsonRead.Str(budget, "metadata", "namespace") ?? string.Empty, JsonRead.Name(budget), headroom, at);
        }
    }
}
