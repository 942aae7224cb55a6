using System.Globalization;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Sandbox.Tests.Cloud;

public sealed class InstanceRefreshTests(ITestOutputHelper output)
{
    private readonly CloudHarness _h = new();

    [Fact]
    public void Refresh_with_both_hooks_replaces_one_instance_at_a_time_and_ends_on_the_new_version()
    {
        _h.CreateGroup(10, warmup: 120);
        var original = _h.Describe().Instances.Select(i => i.InstanceId).ToHashSet();
        var version = _h.NewVersion();
        var start = _h.Time.GetUtcNow();

        var id = _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 90, SkipMatching = true }));

        var minInService = int.MaxValue;
        var percentages = new List<int>();
        _h.RunUntil(
            () => CloudHarness.IsOver(_h.Refresh().Status),
            TimeSpan.FromHours(3),
            group =>
            {
                minInService = Math.Min(minInService, group.Instances.Count(i => i.LifecycleState == LifecycleState.InService));
                percentages.Add(_h.Refresh().PercentageComplete);
            });

        var timeline = _h.Cloud.Timeline().Where(e => e.Time >= start).ToList();
        timeline.ForEach(e => output.WriteLine(e.ToString()));
        var refresh = _h.Refresh();
        Assert.Equal(id, refresh.InstanceRefreshId);
        Assert.Equal(InstanceRefreshStatus.Successful, refresh.Status);
        Assert.Equal((100, 0), (refresh.PercentageComplete, refresh.InstancesToUpdate));

        // Ten batches of one: 90 % of 10 must stay healthy. Each batch: the replacement boots in 4 min, then warms up 2 min.
        Assert.Equal(10, timeline.Count(e => e.What.StartsWith("batch of 1:", StringComparison.Ordinal)));
        Assert.Equal(start + TimeSpan.FromMinutes(60), refresh.EndTime);
        Assert.True(minInService >= 9, $"only {minInService} instances were InService at one point");
        Assert.Equal(percentages.Order().ToList(), percentages);
        Assert.Equal(
            ["0% complete", "10% complete", "20% complete", "30% complete", "40% complete", "50% complete", "60% complete", "70% complete", "80% complete", "90% complete", "100% complete"],
            timeline.Where(e => e.What.EndsWith("% complete", StringComparison.Ordinal)).Select(e => e.What));
        Assert.Equal(["InProgress", "Successful"], timeline.Where(e => e.Subject == $"refresh/{CloudHarness.Group}" && e.What is "InProgress" or "Successful").Select(e => e.What));

        // Every old instance waited in Terminating:Wait until the drain completed it, a minute or more later.
        foreach (var old in original)
        {
            var wait = timeline.Single(e => e.Subject == old && e.What == "Terminating:Wait").Time;
            var done = timeline.Single(e => e.Subject == old && e.What == $"{CloudHarness.TerminateHook} completed with CONTINUE").Time;
            Assert.True(done - wait >= _h.DrainTime);
            Assert.Equal(done, timeline.Single(e => e.Subject == old && e.What == "Terminating:Proceed").Time);
            Assert.Equal(done + TimeSpan.FromSeconds(30), timeline.Single(e => e.Subject == old && e.What == "Terminated").Time);
        }

        // Every replacement waited in Pending:Wait until its node registered, then warmed up before the next batch began.
        var group = _h.Describe();
        Assert.Equal(10, group.Instances.Count);
        Assert.Equal("2", group.LaunchTemplate.Version);
        var batchStarts = timeline.Where(e => e.What.StartsWith("batch of", StringComparison.Ordinal)).Select(e => e.Time).ToList();
        foreach (var (instance, index) in group.Instances.Select((i, n) => (i, n)))
        {
            Assert.DoesNotContain(instance.InstanceId, original);
            Assert.Equal(LifecycleState.InService, instance.LifecycleState);
            Assert.Equal("2", instance.LaunchTemplate.Version);
            var launched = timeline.Single(e => e.Subject == instance.InstanceId && e.What.StartsWith("launched", StringComparison.Ordinal)).Time;
            Assert.Equal(launched, timeline.Single(e => e.Subject == instance.InstanceId && e.What == "Pending:Wait").Time);
            var registered = timeline.Single(e => e.Subject == instance.InstanceId && e.What == "node registered").Time;
            Assert.Equal(launched + TimeSpan.FromMinutes(4), registered);
            var inService = timeline.Single(e => e.Subject == instance.InstanceId && e.What == "InService").Time;
            Assert.Equal(registered, inService);
            Assert.Equal(batchStarts[index], launched);
            var next = index + 1 < batchStarts.Count ? batchStarts[index + 1] : refresh.EndTime!.Value;
            Assert.Equal(inService + TimeSpan.FromMinutes(2), next);
        }

        Assert.All(_h.Cloud.Ec2.DescribeInstances(group.Instances.Select(i => i.InstanceId).ToList()), i => Assert.Equal(_h.NewImage, i.ImageId));
    }

    [Fact]
    public void Checkpoints_pause_the_refresh_for_the_checkpoint_delay()
    {
        _h.CreateGroup(10, hooks: false, warmup: 0);
        var version = _h.NewVersion();
        var start = _h.Time.GetUtcNow();
        _h.Cloud.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest(
            CloudHarness.Group,
            new DesiredConfiguration(_h.Version(version.VersionNumber)),
            new RefreshPreferences { MinHealthyPercentage = 80, CheckpointPercentages = [20, 50, 100], CheckpointDelay = 900 }));

        _h.RunUntil(() => CloudHarness.IsOver(_h.Refresh().Status), TimeSpan.FromHours(2));

        var timeline = _h.Cloud.Timeline().Where(e => e.Time >= start).ToList();
        timeline.ForEach(e => output.WriteLine(e.ToString()));
        var batches = timeline.Where(e => e.What.StartsWith("batch of", StringComparison.Ordinal)).ToList();
        Assert.Equal(["2", "2", "1", "2", "2", "1"], batches.Select(b => b.What.Split(' ')[2].TrimEnd(':')));
        var first = timeline.Single(e => e.What.StartsWith("checkpoint 20% reached", StringComparison.Ordinal)).Time;
        var second = timeline.Single(e => e.What.StartsWith("checkpoint 50% reached", StringComparison.Ordinal)).Time;
        Assert.Equal(first + TimeSpan.FromSeconds(900), batches[1].Time);
        Assert.Equal(second + TimeSpan.FromSeconds(900), batches[3].Time);
        Assert.Equal(InstanceRefreshStatus.Successful, _h.Refresh().Status);
    }

}
