using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class RefreshBudgetTests
{
    [Theory]
    [InlineData(10, 1, 90)]
    [InlineData(4, 1, 75)]
    [InlineData(3, 1, 66)]
    [InlineData(7, 2, 71)]
    [InlineData(2, 5, 0)]
    public void MinHealthy_is_derived_from_the_budget_left(int size, int allowed, int expected)
    {
        Assert.Equal(expected, RefreshBudget.MinHealthyPercentage(size, allowed, null));
    }

    [Fact]
    public void A_requested_value_can_only_raise_it()
    {
        Assert.Equal(95, RefreshBudget.MinHealthyPercentage(10, 1, 95));
        Assert.Equal(90, RefreshBudget.MinHealthyPercentage(10, 1, 50));
    }

    [Fact]
    public void Large_groups_never_take_more_than_allowed()
    {
        for (var size = 1; size <= 1000; size++)
        {
            for (var allowed = 1; allowed <= Math.Min(size, 30); allowed++)
            {
                var min = RefreshBudget.MinHealthyPercentage(size, allowed, null);
                Assert.InRange(RefreshBudget.Reservation(size, min), 0, allowed);
            }
        }
    }

    [Fact]
    public void A_refresh_of_unknown_preferences_reserves_one()
    {
        Assert.Equal(1, RefreshBudget.Reservation(8, null));
        Assert.Equal(2, RefreshBudget.Reservation(8, 75));
    }
}
