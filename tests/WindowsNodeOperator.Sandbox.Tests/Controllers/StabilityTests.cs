using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Controllers;

/// <summary>The seeded fleet is already what the controllers want: running them on it writes nothing.</summary>
public sealed class StabilityTests
{
    public static TheoryData<string> Fleets => new() { "built-in", "config/sandbox-fleet-large.json" };

    [Theory]
    [MemberData(nameof(Fleets))]
    public async Task Controllers_running_on_the_seeded_fleet_change_nothing(string fleet)
    {
        var options = fleet == "built-in" ? new FleetOptions() : FleetFile.Load(RepositoryRoot.Combine(fleet.Split('/')));
        using var cluster = await ControlledCluster.SeedAsync(options);

        Assert.Equal(0, cluster.Step());
        cluster.Advance(TimeSpan.FromHours(1));
        cluster.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, cluster.Changes);
        Assert.Null(cluster.Controllers.NextDue);
    }
}
