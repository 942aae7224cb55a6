using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// A maintenance window across the spring-forward change in America/New_York: Sundays at 02:30 for an hour. On 2027-03-14
/// 02:30 does not exist (02:00 EST becomes 03:00 EDT at 07:00 UTC), and the window opens at 03:00 EDT, as Cronos and cron
/// fire a skipped time; it closes an hour later; the next opens a week on at 02:30 EDT, 06:30 UTC. Nothing starts outside.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MaintenanceWindowDstTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2027, 3, 13, 12, 0, 0, TimeSpan.Zero);

    /// <summary>03:00 EDT on 2027-03-14, the first instant after the skipped hour.</summary>
    private static readonly DateTimeOffset Opening = new(2027, 3, 14, 7, 0, 0, TimeSpan.Zero);

    /// <summary>02:30 EDT on 2027-03-21.</summary>
    private static readonly DateTimeOffset NextOpening = new(2027, 3, 21, 6, 30, 0, TimeSpan.Zero);

    private const string Window = """
            maintenanceWindows:
              - schedule: "30 2 * * 0"
                duration: 1h
                timeZone: America/New_York

        """;

    [Fact]
    public async Task A_window_in_the_skipped_hour_opens_as_the_clocks_go_forward_closes_an_hour_later_and_opens_next_in_daylight_time()
    {
        await using var world = await OperatorInSandbox.StartAsync(output, at: Start);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2027.03.11", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows(Window));
        try
        {
            // 1. Up to a second before 03:00 EDT (not at 02:30 EST, 07:30 UTC, nor at 02:30 EDT, 06:30 UTC): nothing starts.
            await world.RunToAsync(Opening.AddSeconds(-1));
            Assert.All(OperatorInSandbox.ManagedGroups, g => Assert.Empty(world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g)));
            Assert.True(world.ConditionIs("windows-default", "Ready", "False", "OutsideMaintenanceWindow"), world.Dump());
            Assert.Equal(Opening, world.Policy("windows-default")["status"]!["nextMaintenanceWindow"]!.GetValue<DateTimeOffset>());

            // 2. The window opens at 07:00 UTC: the first group's refresh starts within a second.
            await world.RunUntilAsync(
                () => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(5), "a refresh in the window", TimeSpan.FromSeconds(1));
            var first = Assert.Single(OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g)));
            Assert.InRange(first.StartTime, Opening, Opening.AddSeconds(1));

            // 3. It runs past the window's close at 08:00 UTC (a refresh under way is seen through); the second group waits
            //    for the next window, a week on at 02:30 EDT.
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.Any(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g).Count > 1)
                    || world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(first.AutoScalingGroupName).Single().Status == InstanceRefreshStatus.Successful,
                TimeSpan.FromHours(6),
                "the first group's refresh");
            var firstEnded = world.Time.GetUtcNow();
            Assert.True(firstEnded > Opening.AddHours(1), $"the first refresh ended at {firstEnded:O}, inside the window");
            Assert.Equal(1, OperatorInSandbox.ManagedGroups.Sum(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g).Count));

            await world.RunToAsync(NextOpening.AddSeconds(-1), TimeSpan.FromHours(1));
            Assert.Equal(1, OperatorInSandbox.ManagedGroups.Sum(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g).Count));
            Assert.True(world.ConditionIs("windows-default", "Ready", "False", "OutsideMaintenanceWindow"), world.Dump());
            Assert.Equal(NextOpening, world.Policy("windows-default")["status"]!["nextMaintenanceWindow"]!.GetValue<DateTimeOffset>());

            // 4. The next window opens at 06:30 UTC: the second group's refresh starts within a second, and the rollout ends.
            await world.RunUntilAsync(
                () => OperatorInSandbox.ManagedGroups.Sum(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g).Count) == 2,
                TimeSpan.FromMinutes(5),
                "the second group's refresh",
                TimeSpan.FromSeconds(1));
            var second = OperatorInSandbox.ManagedGroups.SelectMany(g => world.Cluster.Cloud.AutoScaling.DescribeInstanceRefreshes(g))
                .Single(r => r.InstanceRefreshId != first.InstanceRefreshId);
            Assert.InRange(second.StartTime, NextOpening, NextOpening.AddSeconds(1));
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Ready", "True") && OperatorInSandbox.ManagedGroups.All(g => world.Instances(g).All(i => i.ImageId == ami)),
                TimeSpan.FromHours(6),
                "the rollout");
            output.WriteLine($"first refresh {first.StartTime:O}, ended by {firstEnded:O}; second {second.StartTime:O}; done {world.Time.GetUtcNow():O}");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }
    }
}
