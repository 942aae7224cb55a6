using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Tests.Draining;

public sealed class DrainerTests
{
    private readonly FakeNode _node = new();

    [Fact]
    public async Task Cordons_then_evicts_tier_by_tier_each_tier_gone_before_the_next()
    {
        _node.Add("node-agent", priorityClass: PodClassifier.NodeCritical, controller: "Deployment");
        _node.Add("coredns", priorityClass: PodClassifier.ClusterCritical);
        _node.Add("web-1");
        _node.Add("web-2", priorityClass: "high-priority");
        _node.TerminationTime = TimeSpan.FromSeconds(20);

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.Empty(result.Remaining);
        Assert.Equal("cordon", _node.Calls[0].What);
        var order = _node.Evictions.Select(e => e.What).ToList();
        Assert.Equal(["evict web-1", "evict web-2"], order.Take(2).Order());
        Assert.Equal(["evict coredns", "evict node-agent"], order.Skip(2));
        var at = _node.Evictions.ToDictionary(e => e.What, e => e.At);
        Assert.True(at["evict coredns"] >= at["evict web-1"] + _node.TerminationTime, "cluster-critical pods wait until ordinary pods are gone");
        Assert.True(at["evict node-agent"] >= at["evict coredns"] + _node.TerminationTime, "node-critical pods wait until cluster-critical pods are gone");
    }

    [Fact]
    public async Task DaemonSet_mirror_and_finished_pods_are_left_and_the_node_counts_as_drained()
    {
        _node.Add("kube-proxy-windows-x", priorityClass: PodClassifier.NodeCritical, controller: "DaemonSet");
        _node.Add("static-web", controller: "Node", mirror: true);
        _node.Add("job-done", controller: "Job", phase: "Succeeded");
        _node.Add("job-failed", controller: "Job", phase: "Failed");
        _node.Add("web-1");

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.Equal(["evict web-1"], _node.Evictions.Select(e => e.What));
        Assert.True(_node.Has("kube-proxy-windows-x"));
        Assert.True(_node.Has("static-web"));
    }

    [Fact]
    public async Task Pods_with_emptyDir_block_the_whole_drain_when_their_data_may_not_be_deleted()
    {
        _node.Add("cache", emptyDir: true);
        _node.Add("web-1");

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(5), deleteEmptyDirData: false));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Empty(_node.Evictions);
        Assert.Contains(new PendingPod(new PodKey("apps", "cache"), PendingReason.EmptyDirData), result.Remaining);
        Assert.Contains(new PendingPod(new PodKey("apps", "web-1"), PendingReason.Waiting), result.Remaining);
        Assert.Contains(_node.Heartbeats, h => h.Progress.Remaining.Any(p => p.Reason == PendingReason.EmptyDirData));
    }

    [Fact]
    public async Task Pods_with_emptyDir_are_evicted_when_the_policy_allows_it()
    {
        _node.Add("cache", emptyDir: true);

        var result = await _node.DrainAsync(FakeNode.Options(deleteEmptyDirData: true));

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.Equal(["evict cache"], _node.Evictions.Select(e => e.What));
    }

    [Fact]
    public async Task A_pod_refused_with_429_is_retried_with_growing_capped_backoff_while_others_proceed()
    {
        _node.Add("web-1");
        _node.Add("web-2");
        var refusals = 0;
        _node.Evict = key => key.Name == "web-1" && refusals++ < 8 ? EvictionResult.Blocked("web", "Cannot evict pod") : EvictionResult.Evicted;

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        var attempts = _node.Evictions.Where(e => e.What == "evict web-1").Select(e => e.At).ToList();
        Assert.Equal(9, attempts.Count);
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps[0] >= TimeSpan.FromSeconds(0.5) && gaps[0] <= TimeSpan.FromSeconds(2), $"first gap {gaps[0]}");
        // Full delays 1, 2, 4, 8, 16 s, each waited between half and all of it, so they never shrink; then the 30 s cap.
        for (var i = 1; i < 5; i++)
        {
            Assert.True(gaps[i] >= gaps[i - 1], $"gap {i} ({gaps[i]}) shrank from {gaps[i - 1]}");
        }

        Assert.All(gaps.Skip(5), g => Assert.InRange(g, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)));
        var other = _node.Evictions.Single(e => e.What == "evict web-2").At;
        Assert.True(other <= attempts[0] + TimeSpan.FromSeconds(1), "web-2 is evicted without waiting for web-1");
    }

    [Fact]
    public async Task On_timeout_Wait_returns_TimedOut_naming_the_pods_and_the_budgets_that_hold_them()
    {
        _node.Add("web-1");
        _node.Add("web-2");
        _node.Add("api-1", ns: "orders");
        _node.Evict = key => key.Name == "web-2" ? EvictionResult.Evicted : EvictionResult.Blocked(key.Namespace == "orders" ? "orders-api" : "web", "Cannot evict pod");

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(10), _node.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
        Assert.Equal(
            [new PendingPod(new PodKey("orders", "api-1"), PendingReason.BlockedByBudget, "orders-api", "Cannot evict pod"),
             new PendingPod(new PodKey("apps", "web-1"), PendingReason.BlockedByBudget, "web", "Cannot evict pod")],
            result.Remaining.OrderBy(p => p.Pod.Name, StringComparer.Ordinal));
        Assert.Equal(["apps/web", "orders/orders-api"], result.BlockingBudgets.Order(StringComparer.Ordinal));
        _node.Pods.Verify(p => p.DeletePodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task On_timeout_Force_deletes_the_remaining_pods_with_their_grace_period_and_returns_Forced_once_gone()
    {
        _node.Add("web-1", grace: TimeSpan.FromSeconds(45));
        _node.Add("cache", emptyDir: true, grace: TimeSpan.FromSeconds(10));
        _node.Add("web-2");
        _node.Evict = key => key.Name == "web-2" ? EvictionResult.Evicted : EvictionResult.Blocked("web", "Cannot evict pod");

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10), onTimeout: DrainTimeoutAction.Force, deleteEmptyDirData: true));

        Assert.Equal(DrainOutcome.Forced, result.Outcome);
        Assert.Empty(result.Remaining);
        var deletes = _node.Calls.Where(c => c.What.StartsWith("delete ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["delete cache 10", "delete web-1 45"], deletes.Select(d => d.What).Order(StringComparer.Ordinal));
        Assert.All(deletes, d => Assert.True(d.At >= FakeNode.Start + TimeSpan.FromMinutes(10)));
        Assert.False(_node.Has("web-1"));
    }

    [Fact]
    public async Task Force_uses_the_policy_grace_period_when_set()
    {
        _node.Add("web-1", grace: TimeSpan.FromSeconds(45));
        _node.Evict = _ => EvictionResult.Blocked("web", "Cannot evict pod");

        var result = await _node.DrainAsync(FakeNode.Options(
            timeout: TimeSpan.FromMinutes(1), onTimeout: DrainTimeoutAction.Force, podGracePeriod: TimeSpan.FromSeconds(5)));

        Assert.Equal(DrainOutcome.Forced, result.Outcome);
        Assert.Contains(_node.Calls, c => c.What == "delete web-1 5");
        _node.Pods.Verify(p => p.EvictPodAsync(new PodKey("apps", "web-1"), TimeSpan.FromSeconds(5), It.IsAny<CancellationToken>()), Times.AtLeastOnce);
    }

    [Fact]
    public async Task Heartbeats_come_every_interval_for_the_whole_drain_even_while_the_API_fails_and_it_never_counts_as_drained()
    {
        _node.Add("web-1");
        _node.Pods.Setup(p => p.ListPodsOnNodeAsync(FakeNode.Name, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ClusterApiException("list pods: the Kubernetes API did not answer"));

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10)), _node.Heartbeat(TimeSpan.FromMinutes(1)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Contains("did not answer", result.Progress.LastApiError, StringComparison.Ordinal);
        var times = _node.Heartbeats.Select(h => h.At - FakeNode.Start).ToList();
        Assert.True(times.Count >= 9, $"{times.Count} heartbeats");
        Assert.Equal(Enumerable.Range(1, times.Count).Select(m => TimeSpan.FromMinutes(m)), times);
        Assert.All(_node.Heartbeats, h => Assert.NotNull(h.Progress.LastApiError));
        Assert.Empty(_node.Evictions);
    }

    [Fact]
    public async Task An_API_outage_mid_drain_delays_the_result_until_a_list_succeeds()
    {
        _node.Add("web-1");
        var failUntil = FakeNode.Start + TimeSpan.FromMinutes(3);
        _node.Pods.Setup(p => p.ListPodsOnNodeAsync(FakeNode.Name, It.IsAny<CancellationToken>()))
            .Returns(() => _node.Time.GetUtcNow() < failUntil
                ? Task.FromException<IReadOnlyList<ClusterPod>>(new ClusterApiException("list pods: 503 ServiceUnavailable", 503, "ServiceUnavailable", null))
                : Task.FromResult<IReadOnlyList<ClusterPod>>([]));

        var result = await _node.DrainAsync(FakeNode.Options(), _node.Heartbeat(TimeSpan.FromSeconds(30)));

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.True(_node.Time.GetUtcNow() >= failUntil);
        Assert.True(_node.Heartbeats.Count >= 6, $"{_node.Heartbeats.Count} heartbeats during the outage");
        Assert.Null(result.Progress.LastApiError);
    }

    [Fact]
    public async Task Eviction_errors_are_retried_and_never_count_as_evicted()
    {
        _node.Add("web-1");
        var calls = 0;
        _node.Pods.Setup(p => p.EvictPodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++calls switch
            {
                1 => Task.FromException<EvictionResult>(new ClusterApiException("evict: the Kubernetes API did not answer")),
                2 => Task.FromResult(EvictionResult.Error(500, "This pod has more than one PodDisruptionBudget")),
                _ => Task.FromResult(EvictionResult.Gone),
            });

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(3, calls);
        Assert.Equal(PendingReason.Terminating, Assert.Single(result.Remaining).Reason);
    }

    [Fact]
    public async Task No_pod_is_evicted_before_the_cordon_succeeds()
    {
        _node.Add("web-1");
        var failUntil = FakeNode.Start + TimeSpan.FromMinutes(2);
        _node.Nodes.Setup(n => n.CordonAsync(FakeNode.Name, "windows-default", It.IsAny<CancellationToken>()))
            .Returns(() => _node.Time.GetUtcNow() < failUntil
                ? Task.FromException<CordonResult>(new ClusterApiException("patch node: 500", 500, "InternalError", null))
                : Task.FromResult(CordonResult.Cordoned));

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.All(_node.Evictions, e => Assert.True(e.At >= failUntil));
        Assert.Single(_node.Evictions);
    }

    [Fact]
    public async Task The_timeout_counts_from_our_earlier_cordon_so_a_restart_does_not_extend_it()
    {
        _node.Add("web-1");
        _node.Evict = _ => EvictionResult.Blocked("web", "Cannot evict pod");
        _node.Node = _node.Node with
        {
            Unschedulable = true,
            Annotations = new Dictionary<string, string>
            {
                [CordonAnnotations.CordonedBy] = "windows-default",
                [CordonAnnotations.CordonedAt] = "2026-03-01T11:40:00Z",
            },
        };

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(30)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(10), _node.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_budget_the_server_did_not_name_is_found_by_its_selector()
    {
        _node.Add("web-1");
        _node.Evict = _ => EvictionResult.Blocked(null, "Cannot evict pod as it would violate the pod's disruption budget.");
        _node.Pods.Setup(p => p.ListDisruptionBudgetsAsync("apps", It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new DisruptionBudgetInfo("apps", "other", new PodSelector(new Dictionary<string, string> { ["app"] = "other" }, []), 0),
            new DisruptionBudgetInfo("apps", "web", new PodSelector(new Dictionary<string, string> { ["app"] = "web-1" }, []), 0),
        ]);

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(1)));

        Assert.Equal(["apps/web"], result.BlockingBudgets);
    }

    [Fact]
    public async Task A_failing_heartbeat_ends_the_drain_with_its_error()
    {
        _node.Add("web-1");
        _node.Evict = _ => EvictionResult.Blocked("web", "Cannot evict pod");
        var heartbeat = new DrainHeartbeat(TimeSpan.FromMinutes(1), (_, _) => throw new InvalidOperationException("lifecycle hook heartbeat failed"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _node.DrainAsync(FakeNode.Options(), heartbeat));

        Assert.Equal("lifecycle hook heartbeat failed", error.Message);
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(1), _node.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Uncordon_delegates_to_the_port_which_only_undoes_our_cordon()
    {
        _node.Nodes.Setup(n => n.UncordonIfOursAsync(FakeNode.Name, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.True(await _node.Drainer().UncordonIfOursAsync(FakeNode.Name, CancellationToken.None));

        _node.Nodes.Verify(n => n.UncordonIfOursAsync(FakeNode.Name, It.IsAny<CancellationToken>()), Times.Once);
    }
}
