using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Tests.Fleet;

public sealed class FleetPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_builds_the_same_fleet()
    {
        var first = FleetPlan.Build(new FleetOptions(), Now);
        var second = FleetPlan.Build(new FleetOptions(), Now);

        Assert.Equal(first, second);
        Assert.NotEqual(first, FleetPlan.Build(new FleetOptions { Seed = 7 }, Now));
    }

    [Fact]
    public void Every_group_gets_its_size_with_unique_instances_and_node_names()
    {
        var options = new FleetOptions();
        var instances = FleetPlan.Build(options, Now);

        foreach (var group in options.Groups)
        {
            Assert.Equal(group.Size, instances.Count(i => i.GroupName == group.Name));
        }

        Assert.Equal(instances.Count, instances.Select(i => i.InstanceId).Distinct().Count());
        Assert.Equal(instances.Count, instances.Select(i => i.NodeName).Distinct().Count());
        Assert.All(instances, i => Assert.Matches("^i-[0-9a-f]{17}$", i.InstanceId));
        Assert.All(instances, i => Assert.Equal($"aws:///{i.AvailabilityZone}/{i.InstanceId}", i.ProviderId));
    }

    [Fact]
    public void Windows_launch_ages_spread_from_zero_to_sixty_days_with_older_nodes_on_older_amis()
    {
        var windows = FleetPlan.Build(new FleetOptions(), Now).Where(i => i.GroupName == "eks-windows-a").ToList();
        var ages = windows.Select(i => (Now - i.LaunchTime).TotalDays).Order().ToList();

        Assert.InRange(ages[0], 0, 1);
        Assert.InRange(ages[^1], 59, 61);
        Assert.Contains(ages, a => a > 45);
        Assert.Contains(ages, a => a < 45);
        var youngest = windows.MinBy(i => Now - i.LaunchTime)!;
        var oldest = windows.MaxBy(i => Now - i.LaunchTime)!;
        Assert.Equal(FleetPlan.MonthlyWindowsAmis[^1], youngest.ImageId);
        Assert.NotEqual(youngest.ImageId, oldest.ImageId);
    }

    [Fact]
    public void Linux_instances_run_the_linux_ami()
    {
        var linux = FleetPlan.Build(new FleetOptions(), Now).Where(i => i.Os == NodeOs.Linux).ToList();

        Assert.NotEmpty(linux);
        Assert.All(linux, i => Assert.Equal(FleetPlan.LinuxAmi, i.ImageId));
    }
}
