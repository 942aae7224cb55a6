using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

public sealed class PolicyValidationTests
{
    private static WindowsNodePolicy Policy(Action<WindowsNodePolicySpec> change)
    {
        var policy = new WindowsNodePolicy { Spec = { AutoScalingGroups = { Names = ["win-a"] } } };
        change(policy.Spec);
        return policy;
    }

    private static IReadOnlyList<PolicyProblem> Problems(Action<WindowsNodePolicySpec> change) =>
        PolicyValidation.Validate(Policy(change));

    [Fact]
    public void Defaults_are_valid_and_parsed()
    {
        var reading = PolicyValidation.Read(Policy(_ => { }));

        Assert.Empty(reading.Problems);
        Assert.NotNull(reading.Settings);
        Assert.Equal(TimeSpan.FromDays(45), reading.Settings.MaxNodeAge);
        Assert.Equal(TimeSpan.FromHours(24), reading.Settings.SoakTime);
        Assert.Equal(new MaxUnavailable(1, false), reading.Settings.MaxUnavailable);
        Assert.False(reading.Settings.Windows.Restricted);
    }

    [Fact]
    public void An_impossible_time_in_an_unknown_zone_names_both_fields()
    {
        // What the operator says if such a window reaches it (the schema refuses the minute and hour since they were bounded).
        var problems = Problems(s => s.Disruption.MaintenanceWindows = [new() { Schedule = "61 25 * * *", Duration = "1h", TimeZone = "Mars/Base" }]);

        Assert.Equal(
            [
                "spec.disruption.maintenanceWindows[0].timeZone: 'Mars/Base' is not a known IANA time zone",
                "spec.disruption.maintenanceWindows[0].schedule: '61 25 * * *' is not a valid five-field cron schedule "
                    + "(minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-7 or SUN-SAT)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void PodReadyTimeout_is_0s_or_1m_to_6h_and_a_wrong_one_is_named()
    {
        Assert.Empty(Problems(s => s.Refresh.PodReadyTimeout = "0s"));
        Assert.Empty(Problems(s => s.Refresh.PodReadyTimeout = "6h"));
        Assert.Equal(
            ["spec.refresh.podReadyTimeout: '30s' is outside 1m..6h (0s turns the check off)"],
            Problems(s => s.Refresh.PodReadyTimeout = "30s").Select(p => p.ToString()));
        Assert.Equal(
            ["spec.refresh.podReadyTimeout: '7h' is outside 1m..6h (0s turns the check off)"],
            Problems(s => s.Refresh.PodReadyTimeout = "7h").Select(p => p.ToString()));
        Assert.Single(Problems(s => s.Refresh.PodReadyTimeout = "soon"), p => p.ToString().StartsWith("spec.refresh.podReadyTimeout: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Checkpoints_must_ascend()
    {
        var problems = Problems(s => s.Refresh.CheckpointPercentages = [20, 50, 50, 100]);

        var problem = Assert.Single(problems);
        Assert.Equal("spec.refresh.checkpointPercentages[2]", problem.Field);
        Assert.Contains("ascending", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoints_outside_1_to_100_are_named()
    {
        var problem = Assert.Single(Problems(s => s.Refresh.CheckpointPercentages = [0, 50]));
        Assert.Equal("spec.refresh.checkpointPercentages[0]", problem.Field);
    }

    [Theory]
    [InlineData("0 2 * * 6")]
    [InlineData("30 1 1-7 * 0")]
    [InlineData("0 22 * * 1-5")]
    public void Good_crons_pass(string schedule)
    {
        Assert.Empty(Problems(s => s.Disruption.MaintenanceWindows = [new() { Schedule = schedule, Duration = "4h" }]));
    }

    [Fact]
    public void A_cron_that_does_not_parse_is_named()
    {
        var problem = Assert.Single(Problems(s => s.Disruption.MaintenanceWindows =
            [new() { Schedule = "0 2 * *", Duration = "4h" }]));
        Assert.Equal("spec.disruption.maintenanceWindows[0].schedule", problem.Field);
    }

    [Theory]
    [InlineData("0 2 30 2 *")]
    [InlineData("0 2 31 4 *")]
    public void A_cron_that_never_fires_is_named(string schedule)
    {
        var problem = Assert.Single(Problems(s => s.Disruption.MaintenanceWindows =
            [new() { Schedule = "0 0 1 * *", Duration = "1h" }, new() { Schedule = schedule, Duration = "4h" }]));
        Assert.Equal("spec.disruption.maintenanceWindows[1].schedule", problem.Field);
        Assert.Contains("never fires", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_zone_is_named()
    {
        var problem = Assert.Single(Problems(s => s.Disruption.MaintenanceWindows =
            [new() { Schedule = "0 2 * * *", Duration = "4h", TimeZone = "Mars/Olympus_Mons" }]));
        Assert.Equal("spec.disruption.maintenanceWindows[0].timeZone", problem.Field);
    }

    [Fact]
    public void A_known_time_zone_passes()
    {
        Assert.Empty(Problems(s => s.Disruption.MaintenanceWindows =
            [new() { Schedule = "0 2 * * *", Duration = "4h", TimeZone = "Europe/Berlin" }]));
    }

    [Theory]
    [InlineData("23h")]
    [InlineData("366d")]
    [InlineData("8761h")]
    public void MaxNodeAge_outside_1d_to_365d_is_named(string age)
    {
        var problem = Assert.Single(Problems(s => s.MaxNodeAge = age));
        Assert.Equal("spec.maxNodeAge", problem.Field);
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("365d")]
    [InlineData("24h")]
    public void MaxNodeAge_at_the_bounds_passes(string age)
    {
        Assert.Empty(Problems(s => s.MaxNodeAge = age));
    }

    [Fact]
    public void Durations_that_do_not_parse_are_each_named()
    {
        var problems = Problems(s =>
        {
            s.MaxNodeAge = "45 days";
            s.Ami.SoakTime = "1w";
            s.Refresh.InstanceWarmup = "";
            s.Drain.Timeout = "m30";
            s.Drain.PodGracePeriod = "30";
        });

        Assert.Equal(
            ["spec.maxNodeAge", "spec.ami.soakTime", "spec.refresh.instanceWarmup", "spec.drain.timeout", "spec.drain.podGracePeriod"],
            problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0%")]
    [InlineData("101%")]
    [InlineData("ten")]
    public void Bad_maxUnavailable_is_named(string value)
    {
        var problem = Assert.Single(Problems(s => s.Disruption.MaxUnavailable = value));
        Assert.Equal("spec.disruption.maxUnavailable", problem.Field);
    }

    [Theory]
    [InlineData("25%", 25, true)]
    [InlineData("3", 3, false)]
    public void MaxUnavailable_reads_counts_and_percentages(string value, int expected, bool percent)
    {
        var policy = Policy(s => s.Disruption.MaxUnavailable = value);
        Assert.Equal(new MaxUnavailable(expected, percent), PolicyValidation.Read(policy).Settings!.MaxUnavailable);
    }

    [Fact]
    public void An_integer_maxUnavailable_reads_as_a_count()
    {
        var policy = Policy(s => s.Disruption.MaxUnavailable = 2);
        Assert.Equal(new MaxUnavailable(2, false), PolicyValidation.Read(policy).Settings!.MaxUnavailable);
    }

    [Fact]
    public void Groups_by_name_and_by_tag_at_once_are_refused()
    {
        var problem = Assert.Single(Problems(s => s.AutoScalingGroups.Tags = new() { ["team"] = "web" }));
        Assert.Equal("spec.autoScalingGroups", problem.Field);
    }

    [Theory]
    [InlineData(25, true, 10, 2)]
    [InlineData(25, true, 3, 1)]
    [InlineData(10, true, 100, 10)]
    [InlineData(100, true, 0, 1)]
    [InlineData(3, false, 1, 3)]
    public void MaxUnavailable_percent_rounds_down_and_is_at_least_one(int value, bool percent, int nodes, int expected)
    {
        Assert.Equal(expected, new MaxUnavailable(value, percent).Resolve(nodes));
    }
}
