using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Progress;

namespace WindowsNodeOperator.Sandbox.Tests.Progress;

/// <summary>What the progress measures (drains, budget headroom), when it calls the replacement done, and how it words it.</summary>
public sealed class ProgressFiguresTests : IAsyncLifetime
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(2);
    private ProgressScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await ProgressScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public void A_drain_runs_from_the_operators_cordon_to_the_node_deletion_even_when_sampled_late()
    {
        var s = _scenario;
        var (first, second, other, manual) = (Instance("eks-windows-a", 0), Instance("eks-windows-a", 1), Instance("eks-windows-b", 0), Instance("eks-windows-b", 1));

        // Cordoned before the observer starts: timed from its cordoned-at annotation.
        s.Cordon(first.NodeName);
        s.Run(TimeSpan.FromMinutes(1));
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        s.Run(TimeSpan.FromMinutes(6));
        s.AutoScaling.TerminateInstanceInAutoScalingGroup(first.InstanceId, shouldDecrementDesiredCapacity: false);
        s.Cordon(second.NodeName);
        s.Run(TimeSpan.FromMinutes(1));
        s.AutoScaling.TerminateInstanceInAutoScalingGroup(second.InstanceId, shouldDecrementDesiredCapacity: false);

        // Uncordoned (given up), then deleted: no drain. Cordoned by hand, without the operator's annotation: no drain.
        s.Cordon(other.NodeName);
        s.Run(TimeSpan.FromMinutes(1));
        s.Uncordon(other.NodeName);
        s.AutoScaling.TerminateInstanceInAutoScalingGroup(other.InstanceId, shouldDecrementDesiredCapacity: false);
        s.Store.Patch("v1", "nodes", null, manual.NodeName, SandboxPatchType.Merge, JsonNode.Parse("""{"spec":{"unschedulable":true}}""")!);
        s.Run(TimeSpan.FromMinutes(1));
        s.AutoScaling.TerminateInstanceInAutoScalingGroup(manual.InstanceId, shouldDecrementDesiredCapacity: false);
        s.Run(TimeSpan.FromMinutes(10));

        // Sampled once, long after: the deletions are timed when they happened.
        progress.Observe();
        Assert.Equal(2, progress.Figures.DrainsFinished);
        var longest = progress.Figures.LongestDrain;
        Assert.NotNull(longest);
        Assert.Equal(first.NodeName, longest.Node);
        Assert.InRange(longest.Duration - s.Drains[first.NodeName], -Step, Step);
        Assert.True(longest.Duration > TimeSpan.FromMinutes(7));
        Assert.Null(progress.Figures.TimeUntilReady);
        Assert.Equal($"Longest drain: {ShortDuration(longest.Duration)} ({first.NodeName.Split('.')[0]}), of 2 drains", progress.Summary()[1]);
    }

    [Fact]
    public void The_lowest_budget_headroom_is_the_minimum_over_time_and_budgets_with_the_budget_named()
    {
        var s = _scenario;
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        Assert.Equal(1, progress.Figures.LowestHeadroom?.Headroom);

        // One iis-frontend pod gone (minAvailable 3 of 4): 0 until its replacement starts, 3 minutes later on Windows.
        s.DeletePod(s.Store.List("v1", "pods", "windows-apps", labelSelector: "app.kubernetes.io/name=iis-frontend")[0]);
        s.Run(TimeSpan.FromMinutes(5));
        progress.Observe();
        Assert.Equal(("iis-frontend", 0L), (progress.Figures.LowestHeadroom?.Name, progress.Figures.LowestHeadroom?.Headroom));

        // Two orders-api pods gone at once (maxUnavailable 1 of 3): -1, and it stays the lowest once they recover.
        foreach (var pod in s.Store.List("v1", "pods", "windows-apps", labelSelector: "app.kubernetes.io/name=orders-api").Take(2))
        {
            s.DeletePod(pod);
        }

        s.Run(TimeSpan.FromMinutes(5));
        progress.Observe();
        var lowest = progress.Figures.LowestHeadroom;
        Assert.Equal(("windows-apps", "orders-api", -1L), (lowest?.Namespace, lowest?.Name, lowest?.Headroom));
        Assert.Equal("Lowest PodDisruptionBudget headroom: -1 (windows-apps/orders-api)", progress.Summary()[3]);
        Assert.All(s.Store.List("policy/v1", "poddisruptionbudgets"), b => Assert.Equal(1, b["status"]!["disruptionsAllowed"]!.GetValue<int>()));
    }

    [Fact]
    public void Done_needs_a_policy_ready_for_its_generation_no_refresh_running_and_nothing_due()
    {
        var s = _scenario;
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        var start = s.Time.GetUtcNow();
        Assert.False(progress.IsDone);
        Assert.Empty(progress.Render());
        Assert.Equal(
            ["Nodes replaced: 0 of 0", "Longest drain: none finished", "Not every policy is Ready yet, after 0s of simulated time"],
            progress.Summary().Take(3));

        s.CreatePolicy();
        progress.Observe();
        Assert.False(progress.IsDone);
        Assert.Contains("[+00:00:00] policy windows-default: no status yet", progress.Render());

        s.SetReady(true, "UpToDate", "all good", observedGeneration: 0);
        s.Run(TimeSpan.FromMinutes(1));
        progress.Observe();
        Assert.False(progress.IsDone);
        Assert.Contains("[+00:01:00] policy windows-default: spec changed, not yet reconciled", progress.Render());

        s.SetReady(true, "UpToDate", "all good", pending: 2);
        progress.Observe();
        Assert.False(progress.IsDone);

        // A refresh still running keeps it from being done, whatever the policy says.
        s.AutoScaling.StartInstanceRefresh(new StartInstanceRefreshRequest("eks-windows-b"));
        s.Run(TimeSpan.FromMinutes(1));
        s.SetReady(true, "UpToDate", "all good");
        var readyAt = s.Time.GetUtcNow();
        progress.Observe();
        Assert.False(progress.IsDone);
        Assert.Contains(progress.Render(), l => l.StartsWith("[+00:02:00] eks-windows-b  ", StringComparison.Ordinal) && l.EndsWith(" replaced  refresh 0% InProgress", StringComparison.Ordinal));

        s.AutoScaling.CancelInstanceRefresh("eks-windows-b");
        s.Run(TimeSpan.FromMinutes(15));
        progress.Observe();
        Assert.True(progress.IsDone);
        var summary = progress.Summary();
        Assert.Equal("Simulated time until every policy was Ready: 2m00s", summary[2]);
        Assert.Equal(readyAt - start, progress.Figures.TimeUntilReady);
        Assert.Equal("Instance refreshes: 1 started, 0 succeeded, 0 failed, 1 cancelled", summary[4]);
    }

    [Fact]
    public void A_lifecycle_action_left_to_time_out_is_counted_in_the_summary()
    {
        var s = _scenario;
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        s.AutoScaling.PutLifecycleHook(new LifecycleHookInfo("drain", "eks-windows-a", LifecycleHooks.Terminating, HeartbeatTimeout: 30, LifecycleHooks.Continue));
        var instance = Instance("eks-windows-a", 0);
        s.AutoScaling.TerminateInstanceInAutoScalingGroup(instance.InstanceId, shouldDecrementDesiredCapacity: false);

        s.Run(TimeSpan.FromSeconds(20));
        progress.Observe();
        Assert.Equal("Lifecycle actions timed out: 0", progress.Summary()[5]);

        // Nobody completes it: Auto Scaling ends it at its heartbeat timeout.
        s.Run(TimeSpan.FromSeconds(20));
        progress.Observe();
        Assert.Equal(1, progress.Figures.LifecycleActionsTimedOut);
        Assert.Equal("Lifecycle actions timed out: 1", progress.Summary()[5]);
    }

    [Fact]
    public void Observing_spends_no_api_call_and_draws_no_fault_meant_for_the_operator()
    {
        var s = _scenario;
        s.CreatePolicy();
        using var progress = new ReplacementProgress(s.Cluster, s.Time);
        Assert.Equal(3, progress.Render().Count);
        s.Cluster.Cloud.Calls.Reset();
        s.Cluster.Cloud.Faults.Set("autoscaling:DescribeAutoScalingGroups", FaultKind.Throttling, remaining: 1);

        s.Run(TimeSpan.FromMinutes(1));
        progress.Observe();

        Assert.Equal((0, 12), (progress.Figures.Replaced, progress.Figures.Total));
        Assert.Equal(0, s.Cluster.Cloud.Calls.TotalCalls);
        var error = Assert.Throws<SimulatedAwsException>(() => s.Cluster.Cloud.AutoScaling.DescribeAutoScalingGroups());
        Assert.Equal("Throttling", error.ErrorCode);
    }

    [Fact]
    public void A_long_or_multi_line_wait_message_is_cut_to_one_line_of_120_columns()
    {
        var s = _scenario;
        s.CreatePolicy();
        s.SetReady(false, "OutsideMaintenanceWindow", "outside the window;\nnext at 22:00 " + new string('x', 200), pending: 12);
        using var progress = new ReplacementProgress(s.Cluster, s.Time);

        var line = Assert.Single(progress.Render(), l => l.Contains("policy", StringComparison.Ordinal));
        Assert.Equal(120, line.Length);
        Assert.StartsWith("[+00:00:00] policy windows-default waits: OutsideMaintenanceWindow: outside the window; next at 22:00 x", line, StringComparison.Ordinal);
        Assert.EndsWith("x…", line, StringComparison.Ordinal);
        Assert.False(progress.IsDone);
    }

    private SimulatedInstance Instance(string group, int index) =>
        _scenario.Cluster.Fleet.Instances.Where(i => i.GroupName == group).ElementAt(index);

    private static string ShortDuration(TimeSpan span) => $"{(int)span.TotalMinutes}m{span.Seconds:00}s";
}
