namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The seeded fleet's two budgets tightened for <paramref name="holdFor"/> from the first refresh on (they allow no
/// eviction, so drains wait and heartbeat), then relaxed. Ticked by a scenario before each step.
/// </summary>
internal sealed class BudgetHold(OperatorInSandbox world, TimeSpan holdFor)
{
    private DateTimeOffset? _heldAt;
    private bool _relaxed;

    /// <summary>How long the budgets have held the drains (zero before and after).</summary>
    public TimeSpan HeldFor => _heldAt is { } held && !_relaxed ? world.Time.GetUtcNow() - held : TimeSpan.Zero;

    /// <summary>Called before each step; always true, so it can lead a condition.</summary>
    public bool Tick()
    {
        var now = world.Time.GetUtcNow();
        if (_heldAt is null && OperatorInSandbox.ManagedGroups.Any(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g).Count > 0))
        {
            HeldDrains.SetBudgets(world, iisMinAvailable: 4, ordersMaxUnavailable: 0);
            world.Observers.Rebaseline();
            _heldAt = now;
        }
        else if (_heldAt is { } held && !_relaxed && now - held >= holdFor)
        {
            HeldDrains.SetBudgets(world, iisMinAvailable: 3, ordersMaxUnavailable: 1);
            world.Observers.Rebaseline();
            _relaxed = true;
        }

        return true;
    }
}
