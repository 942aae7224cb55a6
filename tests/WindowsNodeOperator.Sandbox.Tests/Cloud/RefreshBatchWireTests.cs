using System.Globalization;
using System.Xml.Linq;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Tests.Cloud.Wire;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

/// <summary>
/// How a Rolling refresh paces its batches, driven over the Auto Scaling wire protocol: launch before terminate with a
/// minimum healthy percentage of 100, batches that do not wait for old instances held by a termination hook, checkpoints
/// passed together, and the bake time at the end.
/// </summary>
public sealed class RefreshBatchWireTests(ITestOutputHelper output) : IDisposable
{
    private readonly CloudHarness _h = new();
    private HttpMessageInvoker? _client;
    private int? _version;

    private HttpMessageInvoker Client => _client ??= new HttpMessageInvoker(new SimulatedAwsHandler(_h.Cloud));

    [Theory]
    [InlineData("&Preferences.MaxHealthyPercentage=100")]
    [InlineData("")]
    public async Task Min_healthy_100_launches_the_replacement_first_so_a_one_instance_group_never_empties(string maxHealthy)
    {
        _h.CreateGroup(1, warmup: 60);
        var old = _h.Describe().Instances.Single().InstanceId;
        var start = _h.Time.GetUtcNow();

        var (status, _) = await StartAsync("&Preferences.MinHealthyPercentage=100" + maxHealthy);
        Assert.Equal(200, status);

        var minInService = int.MaxValue;
        var maxCounted = 0;
        RunUntilOver(TimeSpan.FromHours(1), group =>
        {
            minInService = Math.Min(minInService, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
            maxCounted = Math.Max(maxCounted, group.Instances.Count(i => !i.LifecycleState.IsLeaving()));
        });

        var timeline = Timeline(start);
        Assert.Equal("Successful", (await DescribeAsync()).One("Status"));
        Assert.Equal(1, minInService);
        Assert.Equal(2, maxCounted);
        Assert.Contains(timeline, e => e.What == $"batch of 1: {old} (launching 1 first)");

        // The old instance went into Terminating:Wait only once its replacement had been InService for the whole warm-up.
        var replacement = _h.Describe().Instances.Single().InstanceId;
        var inService = timeline.Single(e => e.Subject == replacement && e.What == "InService").Time;
        Assert.Equal(inService + TimeSpan.FromSeconds(60), timeline.Single(e => e.Subject == old && e.What == "Terminating:Wait").Time);
    }

    [Fact]
    public async Task The_next_batch_does_not_wait_for_old_instances_held_in_Terminating_Wait()
    {
        // The stand-in operator never completes the termination hook: each old instance waits out the 10-minute heartbeat
        // timeout, while a batch (a 4-minute boot and a 1-minute warm-up) takes 5 minutes.
        _h.CreateGroup(4, warmup: 60, heartbeat: 600);
        _h.AnswerTerminateHook = false;
        var start = _h.Time.GetUtcNow();

        await StartAsync("&Preferences.MinHealthyPercentage=75");

        var mostWaiting = 0;
        var minInService = int.MaxValue;
        var percentageWhileTwoWaited = 0;
        RunUntilOver(TimeSpan.FromHours(2), group =>
        {
            var waiting = group.Instances.Count(i => i.LifecycleState == LifecycleState.TerminatingWait);
            mostWaiting = Math.Max(mostWaiting, waiting);
            minInService = Math.Min(minInService, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
            if (waiting == 2)
            {
                percentageWhileTwoWaited = Math.Max(percentageWhileTwoWaited, _h.Refresh().PercentageComplete);
            }
        });

        var timeline = Timeline(start);
        Assert.Equal("Successful", (await DescribeAsync()).One("Status"));
        Assert.Equal(2, mostWaiting);
        Assert.True(minInService >= 3, $"only {minInService} instances were InService at one point");

        // PercentageComplete counts warm replacements, not terminated old instances: as the last batch began, three
        // replacements were warm (75 %) while the last two old instances still waited.
        Assert.Equal(75, percentageWhileTwoWaited);

        // Each batch began as the previous replacement finished its warm-up, not when the old instance was terminated.
        var batches = timeline.Where(e => e.What.StartsWith("batch of 1:", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, batches.Count);
        foreach (var (previous, next) in batches.Zip(batches.Skip(1)))
        {
            var replacement = timeline.First(e => e.Time >= previous.Time && e.What.StartsWith("launched", StringComparison.Ordinal)).Subject;
            var inService = timeline.Single(e => e.Subject == replacement && e.What == "InService").Time;
            Assert.Equal(inService + TimeSpan.FromSeconds(60), next.Time);
            var oldInstance = previous.What.Split(' ')[3];
            Assert.True(timeline.Single(e => e.Subject == oldInstance && e.What == "Terminated").Time > next.Time);
        }

        // The refresh ends only once the last old instance has left.
        var lastTerminated = timeline.Where(e => e.What == "Terminated").Max(e => e.Time);
        Assert.Equal(lastTerminated, _h.Refresh().EndTime);
    }

    [Fact]
    public async Task Checkpoints_passed_by_one_batch_pause_the_refresh_once_at_the_highest()
    {
        // Two instances, checkpoints [10, 40, 100]: the first replacement makes 50 %, past both 10 and 40.
        _h.CreateGroup(2, hooks: false, warmup: 0);
        var start = _h.Time.GetUtcNow();
        await StartAsync(
            "&Preferences.MinHealthyPercentage=50&Preferences.CheckpointPercentages.member.1=10&Preferences.CheckpointPercentages.member.2=40"
            + "&Preferences.CheckpointPercentages.member.3=100&Preferences.CheckpointDelay=600");

        var reasons = new HashSet<string>(StringComparer.Ordinal);
        RunUntilOver(TimeSpan.FromHours(1), _ =>
        {
            if (_h.Refresh().StatusReason is { } reason)
            {
                reasons.Add(reason);
            }
        });

        var timeline = Timeline(start);
        Assert.Equal("Successful", (await DescribeAsync()).One("Status"));
        var checkpoints = timeline.Where(e => e.What.StartsWith("checkpoint", StringComparison.Ordinal)).Select(e => e.What).ToList();
        Assert.Equal(["checkpoint 10% skipped", "checkpoint 40% reached, waiting 600s", "checkpoint 40% delay over"], checkpoints);
        Assert.All(reasons, r => Assert.DoesNotContain("10%", r, StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("Waiting at checkpoint 40%", StringComparison.Ordinal));

        var reached = timeline.Single(e => e.What.StartsWith("checkpoint 40% reached", StringComparison.Ordinal)).Time;
        var batches = timeline.Where(e => e.What.StartsWith("batch of 1:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, batches.Count);
        Assert.Equal(reached + TimeSpan.FromSeconds(600), batches[1].Time);
    }

    [Fact]
    public async Task Bake_time_holds_the_refresh_in_Baking_before_it_succeeds_and_the_group_takes_the_new_version()
    {
        _h.CreateGroup(2, hooks: false, warmup: 0);
        var start = _h.Time.GetUtcNow();
        await StartAsync("&Preferences.MinHealthyPercentage=50&Preferences.BakeTime=900");

        _h.RunUntil(() => _h.Refresh().Status == InstanceRefreshStatus.Baking, TimeSpan.FromHours(1));
        var baking = await DescribeAsync();
        Assert.Equal("Baking", baking.One("Status"));
        Assert.Equal(("100", "0", "900"), (baking.One("PercentageComplete"), baking.One("InstancesToUpdate"), baking.All("Preferences").Single().One("BakeTime")));
        Assert.Equal("1", _h.Describe().LaunchTemplate.Version);
        Assert.All(_h.Describe().Instances, i => Assert.Equal("2", i.LaunchTemplate.Version));

        // Still in progress while it bakes: another refresh is refused.
        var (again, refused) = await StartAsync(string.Empty);
        Assert.Equal((400, "InstanceRefreshInProgress"), (again, refused.One("Code")));

        _h.RunUntil(() => _h.Refresh().Status != InstanceRefreshStatus.Baking, TimeSpan.FromHours(1));
        var done = await DescribeAsync();
        var timeline = Timeline(start);
        Assert.Equal("Successful", done.One("Status"));
        var bakingFrom = timeline.Single(e => e.Subject == $"refresh/{CloudHarness.Group}" && e.What == "Baking").Time;
        var lastWarm = timeline.Where(e => e.What == "InService").Max(e => e.Time);
        Assert.Equal(lastWarm, bakingFrom);
        Assert.Equal(bakingFrom + TimeSpan.FromSeconds(900), DateTimeOffset.Parse(done.One("EndTime"), CultureInfo.InvariantCulture));
        Assert.Equal("2", _h.Describe().LaunchTemplate.Version);
    }

    [Fact]
    public async Task A_refresh_baking_can_still_be_rolled_back()
    {
        _h.CreateGroup(2, hooks: false, warmup: 0);
        await StartAsync("&Preferences.MinHealthyPercentage=50&Preferences.BakeTime=3600");
        _h.RunUntil(() => _h.Refresh().Status == InstanceRefreshStatus.Baking, TimeSpan.FromHours(1));

        var (status, _) = await CallAsync("Action=RollbackInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=" + CloudHarness.Group);
        Assert.Equal(200, status);

        RunUntilOver(TimeSpan.FromHours(1));
        Assert.Equal("RollbackSuccessful", (await DescribeAsync()).One("Status"));
        var group = _h.Describe();
        Assert.Equal("1", group.LaunchTemplate.Version);
        Assert.All(group.Instances, i => Assert.Equal("1", i.LaunchTemplate.Version));
    }

    [Fact]
    public async Task A_refresh_baking_can_be_cancelled_and_the_group_keeps_its_old_configuration()
    {
        _h.CreateGroup(2, hooks: false, warmup: 0);
        await StartAsync("&Preferences.MinHealthyPercentage=50&Preferences.BakeTime=3600");
        _h.RunUntil(() => _h.Refresh().Status == InstanceRefreshStatus.Baking, TimeSpan.FromHours(1));

        var (status, _) = await CallAsync("Action=CancelInstanceRefresh&Version=2011-01-01&AutoScalingGroupName=" + CloudHarness.Group);
        Assert.Equal(200, status);

        RunUntilOver(TimeSpan.FromMinutes(5));
        Assert.Equal("Cancelled", (await DescribeAsync()).One("Status"));
        Assert.Equal("1", _h.Describe().LaunchTemplate.Version);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(172801)]
    public async Task A_bake_time_outside_0_to_172800_seconds_is_refused(int bakeTime)
    {
        _h.CreateGroup(2, hooks: false);
        var (status, root) = await StartAsync("&Preferences.BakeTime=" + bakeTime.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((400, "ValidationError"), (status, root.One("Code")));
        Assert.Empty(_h.Cloud.AutoScaling.DescribeInstanceRefreshes(CloudHarness.Group));
    }

    public void Dispose() => _client?.Dispose();

    private Task<(int Status, XElement Root)> StartAsync(string preferences)
    {
        _version ??= _h.NewVersion().VersionNumber;
        return CallAsync(
            $"Action=StartInstanceRefresh&Version=2011-01-01&AutoScalingGroupName={CloudHarness.Group}&Strategy=Rolling"
            + $"&DesiredConfiguration.LaunchTemplate.LaunchTemplateId={_h.Template.LaunchTemplateId}"
            + $"&DesiredConfiguration.LaunchTemplate.Version={_version.Value.ToString(CultureInfo.InvariantCulture)}"
            + preferences);
    }

    private async Task<XElement> DescribeAsync()
    {
        var (status, root) = await CallAsync("Action=DescribeInstanceRefreshes&Version=2011-01-01&AutoScalingGroupName=" + CloudHarness.Group);
        Assert.Equal(200, status);
        return root.All("InstanceRefreshes").Single().Elements().First();
    }

    private Task<(int Status, XElement Root)> CallAsync(string form) => WireCall.XmlAsync(Client, WireCall.Form("autoscaling", form));

    /// <summary>Steps the harness 10 s at a time, its stand-in operator answering hooks as told, until the refresh is over.</summary>
    private void RunUntilOver(TimeSpan limit, Action<AutoScalingGroupInfo>? onTick = null) =>
        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), limit, onTick);

    private List<Sandbox.Cloud.CloudEvent> Timeline(DateTimeOffset since)
    {
        var timeline = _h.Cloud.Timeline().Where(e => e.Time >= since).ToList();
        timeline.ForEach(e => output.WriteLine(e.ToString()));
        return timeline;
    }
}
