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
        Assert.True(_node.Steps[0].CordonedNow);
        Assert.All(_node.Steps.Skip(1), s => Assert.False(s.CordonedNow));
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
    public async Task An_evicted_pod_is_never_evicted_again_not_even_by_a_restarted_operator()
    {
        _node.Add("web-1");
        _node.TerminationTime = TimeSpan.FromMinutes(2);

        // Every look is a new drainer, as after a restart: the pod's own terminating state is what says it was evicted.
        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.True(_node.Steps.Count > 5, $"{_node.Steps.Count} looks");
        Assert.Equal(["evict web-1"], _node.Evictions.Select(e => e.What));
        Assert.Single(_node.Calls, c => c.What == "cordon");
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
    public async Task On_a_node_that_is_not_Ready_pods_past_their_grace_period_are_not_waited_for()
    {
        // No kubelet confirms: once marked for deletion, pods never go while the Node is there.
        _node.Node = _node.Node with { Ready = false };
        _node.TerminationTime = TimeSpan.FromDays(10);
        _node.Add("stuck", deletionTimestamp: FakeNode.Start - TimeSpan.FromMinutes(10));
        _node.Add("web-1");

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.Equal(["evict web-1"], _node.Evictions.Select(e => e.What));
        Assert.InRange(_node.Time.GetUtcNow() - FakeNode.Start, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(45));
        Assert.True(_node.Has("stuck") && _node.Has("web-1"));
    }

    [Fact]
    public async Task On_a_Ready_node_terminating_pods_are_waited_for_until_the_timeout_and_one_past_its_grace_period_is_named_stuck()
    {
        _node.TerminationTime = TimeSpan.FromDays(10);
        _node.Add("stuck", deletionTimestamp: FakeNode.Start - TimeSpan.FromMinutes(10));

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(5)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        var stuck = Assert.Single(result.Remaining);
        Assert.Equal((new PodKey("apps", "stuck"), PendingReason.StuckTerminating), (stuck.Pod, stuck.Reason));
        Assert.Equal(
            "apps/stuck (stuck terminating: its grace period ended at 2026-03-01T11:50:00Z and its kubelet has not removed it)", stuck.ToString());
    }

    [Fact]
    public async Task A_pod_refused_with_429_is_tried_again_at_the_next_look_while_others_proceed()
    {
        _node.Add("web-1");
        _node.Add("web-2");
        var refusals = 0;
        _node.Evict = key => key.Name == "web-1" && refusals++ < 3 ? EvictionResult.Blocked("web", "Cannot evict pod") : EvictionResult.Evicted;

        var first = await _node.StepAsync(FakeNode.Options());
        _node.Time.Advance(FakeNode.Look);
        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Draining, first.Outcome);
        Assert.Equal(new PendingPod(new PodKey("apps", "web-1"), PendingReason.BlockedByBudget, "web", "Cannot evict pod"), first.Remaining[0]);
        Assert.Equal(PendingReason.Terminating, first.Remaining[1].Reason);
        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        var attempts = _node.Evictions.Where(e => e.What == "evict web-1").Select(e => e.At).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts.Zip(attempts.Skip(1), (a, b) => b - a), gap => Assert.Equal(FakeNode.Look, gap));
        Assert.Single(_node.Evictions, e => e.What == "evict web-2");
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
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(10), _node.Time.GetUtcNow());
        Assert.Equal(
            [new PendingPod(new PodKey("orders", "api-1"), PendingReason.BlockedByBudget, "orders-api", "Cannot evict pod"),
             new PendingPod(new PodKey("apps", "web-1"), PendingReason.BlockedByBudget, "web", "Cannot evict pod")],
            result.Remaining.OrderBy(p => p.Pod.Name, StringComparer.Ordinal));
        Assert.Equal(["apps/web", "orders/orders-api"], result.BlockingBudgets.Order(StringComparer.Ordinal));
        _node.Pods.Verify(p => p.DeletePodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task On_timeout_Force_deletes_the_remaining_pods_with_their_grace_period_and_returns_Forced()
    {
        _node.Add("web-1", grace: TimeSpan.FromSeconds(45));
        _node.Add("cache", emptyDir: true, grace: TimeSpan.FromSeconds(10));
        _node.Add("web-2");
        _node.Evict = key => key.Name == "web-2" ? EvictionResult.Evicted : EvictionResult.Blocked("web", "Cannot evict pod");

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10), onTimeout: DrainTimeoutAction.Force, deleteEmptyDirData: true));

        Assert.Equal(DrainOutcome.Forced, result.Outcome);
        Assert.True(result.Finished);
        var deletes = _node.Calls.Where(c => c.What.StartsWith("delete ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["delete cache 10", "delete web-1 45"], deletes.Select(d => d.What).Order(StringComparer.Ordinal));
        Assert.All(deletes, d => Assert.True(d.At >= FakeNode.Start + TimeSpan.FromMinutes(10)));
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
    public async Task A_failing_list_never_counts_as_drained_and_is_named_when_the_timeout_passes()
    {
        _node.Add("web-1");
        _node.Pods.Setup(p => p.ListPodsOnNodeAsync(FakeNode.Name, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ClusterApiException("list pods: the Kubernetes API did not answer"));

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(10)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Contains("did not answer", result.Progress.LastApiError, StringComparison.Ordinal);
        Assert.All(_node.Steps, s => Assert.NotNull(s.Progress.LastApiError));
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

        var result = await _node.DrainAsync(FakeNode.Options());

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        Assert.True(_node.Time.GetUtcNow() >= failUntil);
        Assert.Null(result.Progress.LastApiError);
    }

    [Fact]
    public async Task Eviction_errors_are_tried_again_at_the_next_look_and_never_count_as_evicted()
    {
        _node.Add("web-1");
        var calls = 0;
        _node.Pods.Setup(p => p.EvictPodAsync(It.IsAny<PodKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Returns(() => ++calls switch
            {
                1 => Task.FromException<EvictionResult>(new ClusterApiException("evict: the Kubernetes API did not answer")),
                2 => Task.FromResult(EvictionResult.Error(500, "This pod has more than one PodDisruptionBudget")),
                _ => Task.FromResult(EvictionResult.Blocked("web", "Cannot evict pod")),
            });

        var first = await _node.StepAsync(FakeNode.Options());
        _node.Time.Advance(FakeNode.Look);
        var second = await _node.StepAsync(FakeNode.Options());

        Assert.Equal(PendingReason.EvictionFailed, Assert.Single(first.Remaining).Reason);
        Assert.Equal(0, first.Progress.Evicted);
        Assert.Contains("more than one", Assert.Single(second.Remaining).Message, StringComparison.Ordinal);
        Assert.Equal(0, second.Progress.Evicted);
    }

    [Fact]
    public async Task No_pod_is_evicted_before_the_cordon_succeeds()
    {
        _node.Add("web-1");
        var failUntil = FakeNode.Start + TimeSpan.FromMinutes(2);
        _node.Nodes.Setup(n => n.CordonAsync(FakeNode.Name, "windows-default", It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (_node.Time.GetUtcNow() < failUntil)
                {
                    return Task.FromException<CordonResult>(new ClusterApiException("patch node: 500", 500, "InternalError", null));
                }

                _node.Node = _node.Node with
                {
                    Unschedulable = true,
                    Annotations = new Dictionary<string, string> { [OperatorAnnotations.CordonedBy] = "windows-default", [OperatorAnnotations.CordonedAt] = OperatorAnnotations.FormatTime(_node.Time.GetUtcNow()) },
                };
                return Task.FromResult(CordonResult.Cordoned);
            });

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
                [OperatorAnnotations.CordonedBy] = "windows-default",
                [OperatorAnnotations.CordonedAt] = "2026-03-01T11:40:00Z",
            },
        };

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(30)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(10), _node.Time.GetUtcNow());
        Assert.DoesNotContain(_node.Calls, c => c.What == "cordon");
    }

    [Fact]
    public async Task A_node_someone_else_cordoned_records_when_the_drain_began_once_and_counts_the_timeout_from_there()
    {
        _node.Add("web-1");
        _node.Evict = _ => EvictionResult.Blocked("web", "Cannot evict pod");
        _node.Node = _node.Node with { Unschedulable = true };

        var result = await _node.DrainAsync(FakeNode.Options(timeout: TimeSpan.FromMinutes(5)));

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(FakeNode.Start + TimeSpan.FromMinutes(5), _node.Time.GetUtcNow());
        Assert.Single(_node.Calls, c => c.What == $"annotate {OperatorAnnotations.DrainStartedAt}");
        Assert.DoesNotContain(_node.Calls, c => c.What == "cordon");
        Assert.False(_node.Node.Annotations.ContainsKey(OperatorAnnotations.CordonedBy));
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
    public async Task Uncordon_delegates_to_the_port_which_only_undoes_our_cordon()
    {
        _node.Nodes.Setup(n => n.UncordonIfOursAsync(FakeNode.Name, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.True(await _node.Drainer().UncordonIfOursAsync(FakeNode.Name, CancellationToken.None));

        _node.Nodes.Verify(n => n.UncordonIfOursAsync(FakeNode.Name, It.IsAny<CancellationToken>()), Times.Once);
    }
}
