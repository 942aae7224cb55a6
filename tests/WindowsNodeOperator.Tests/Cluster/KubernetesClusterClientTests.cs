using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Tests.Cluster;

/// <summary>The real adapter against the sandbox API server over HTTP, checked through the store and kubectl.</summary>
public sealed class KubernetesClusterClientTests : IAsyncLifetime
{
    private SandboxClusterFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await SandboxClusterFixture.StartAsync();

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task Cordon_sets_unschedulable_and_our_annotations_and_kubectl_shows_SchedulingDisabled()
    {
        var name = WindowsNode();

        var result = await _fx.Adapter.CordonAsync(name, "windows-default", CancellationToken.None);

        Assert.Equal(CordonResult.Cordoned, result);
        var node = _fx.Node(name);
        Assert.True(node["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Equal("windows-default", node["metadata"]!["annotations"]![OperatorAnnotations.CordonedBy]!.GetValue<string>());
        var read = await _fx.Adapter.GetNodeAsync(name, CancellationToken.None);
        Assert.Equal("windows-default", read!.CordonedBy);
        Assert.NotNull(read.CordonedAt);
        Assert.True(read.Unschedulable);
        var get = await _fx.Kubectl.RunAsync("get", "node", name);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("SchedulingDisabled", get.Stdout, StringComparison.Ordinal);
        Assert.Equal(CordonResult.AlreadyOurs, await _fx.Adapter.CordonAsync(name, "windows-default", CancellationToken.None));
    }

    [Fact]
    public async Task Uncordon_undoes_our_cordon_and_removes_the_annotations()
    {
        var name = WindowsNode();
        await _fx.Adapter.CordonAsync(name, "windows-default", CancellationToken.None);

        Assert.True(await _fx.Adapter.UncordonIfOursAsync(name, CancellationToken.None));

        var node = _fx.Node(name);
        Assert.NotEqual(true, node["spec"]!["unschedulable"]?.GetValue<bool>());
        Assert.Null(node["metadata"]!["annotations"]?[OperatorAnnotations.CordonedBy]);
        Assert.Null(node["metadata"]!["annotations"]?[OperatorAnnotations.CordonedAt]);
        var get = await _fx.Kubectl.RunAsync("get", "node", name);
        Assert.DoesNotContain("SchedulingDisabled", get.Stdout, StringComparison.Ordinal);
        Assert.False(await _fx.Adapter.UncordonIfOursAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task A_node_cordoned_with_kubectl_is_not_claimed_and_not_uncordoned()
    {
        var name = WindowsNode();
        var cordon = await _fx.Kubectl.RunAsync("cordon", name);
        Assert.True(cordon.ExitCode == 0, cordon.ToString());

        Assert.Equal(CordonResult.CordonedByOthers, await _fx.Adapter.CordonAsync(name, "windows-default", CancellationToken.None));
        Assert.False(await _fx.Adapter.UncordonIfOursAsync(name, CancellationToken.None));

        Assert.True(_fx.Node(name)["spec"]!["unschedulable"]!.GetValue<bool>());
        Assert.Null(_fx.Node(name)["metadata"]!["annotations"]?[OperatorAnnotations.CordonedBy]);
    }

    [Fact]
    public async Task Lists_Windows_nodes_by_label_and_reads_a_missing_node_as_null()
    {
        var windows = _fx.Cluster.Fleet.Instances.Where(i => i.Os == NodeOs.Windows).Select(i => i.NodeName).Order(StringComparer.Ordinal);
        var groupA = _fx.Cluster.Fleet.Instances.Where(i => i.GroupName == "eks-windows-a").Select(i => i.NodeName).Order(StringComparer.Ordinal);

        var all = await _fx.Adapter.ListWindowsNodesAsync(null, CancellationToken.None);
        var selected = await _fx.Adapter.ListWindowsNodesAsync(
            new Dictionary<string, string> { ["alpha.eksctl.io/nodegroup-name"] = "eks-windows-a" }, CancellationToken.None);

        Assert.Equal(windows, all.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal(groupA, selected.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.All(all, n => Assert.True(n.Ready));
        Assert.All(all, n => Assert.StartsWith("aws:///", n.ProviderId, StringComparison.Ordinal));
        Assert.Null(await _fx.Adapter.GetNodeAsync("no-such-node", CancellationToken.None));
    }

    [Fact]
    public async Task Lists_the_pods_of_one_node_with_what_a_drain_needs_to_know()
    {
        var (_, node) = _fx.PodsOf("windows-apps", "orders-api")[0];
        var expected = _fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}").Select(p => p["metadata"]!["name"]!.GetValue<string>());

        var pods = await _fx.Adapter.ListPodsOnNodeAsync(node, CancellationToken.None);

        Assert.Equal(expected.Order(StringComparer.Ordinal), pods.Select(p => p.Key.Name).Order(StringComparer.Ordinal));
        Assert.Equal(2, pods.Count(p => p.IsDaemonSetPod));
        Assert.Contains(pods, p => p.Key.Name.StartsWith("orders-api", StringComparison.Ordinal) && p.HasEmptyDir && !p.IsDaemonSetPod);
        Assert.All(pods, p => Assert.Equal("Running", p.Phase));
        Assert.All(pods.Where(p => p.IsDaemonSetPod), p => Assert.Equal("system-node-critical", p.PriorityClassName));
    }

    [Fact]
    public async Task Eviction_succeeds_while_the_budget_allows_and_the_next_is_blocked_naming_the_budget()
    {
        // iis-frontend: 4 replicas under minAvailable 3, so exactly one may go.
        var pods = _fx.PodsOf("windows-apps", "iis-frontend");

        var first = await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", pods[0].Name), TimeSpan.FromSeconds(5), CancellationToken.None);
        var second = await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", pods[1].Name), null, CancellationToken.None);

        Assert.Equal(EvictionResult.Evicted, first);
        Assert.Equal(EvictionOutcome.Blocked, second.Outcome);
        Assert.Equal("iis-frontend", second.DisruptionBudget);
        Assert.Equal(429, second.StatusCode);
        // Evicted with the grace period asked (Terminating until its kubelet confirms, or gone); the blocked one untouched.
        var evicted = _fx.Store.Find("v1", "pods", "windows-apps", pods[0].Name);
        Assert.True(evicted is null || evicted["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>() == 5);
        Assert.Null(_fx.Store.Find("v1", "pods", "windows-apps", pods[1].Name)!["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Evicting_or_deleting_a_pod_that_is_gone_says_so()
    {
        var evict = await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", "no-such-pod"), null, CancellationToken.None);
        var delete = await _fx.Adapter.DeletePodAsync(new PodKey("windows-apps", "no-such-pod"), TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(EvictionResult.Gone, evict);
        Assert.False(delete);
    }

    [Fact]
    public async Task Delete_removes_a_pod_whatever_its_budget_says()
    {
        var pods = _fx.PodsOf("windows-apps", "iis-frontend");
        await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", pods[0].Name), null, CancellationToken.None);

        Assert.True(await _fx.Adapter.DeletePodAsync(new PodKey("windows-apps", pods[1].Name), TimeSpan.FromSeconds(10), CancellationToken.None));

        // Deleted with the grace period asked (Terminating meanwhile, or already confirmed by its kubelet); grace 0 removes at once.
        var deleted = _fx.Store.Find("v1", "pods", "windows-apps", pods[1].Name);
        Assert.True(deleted is null || deleted["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>() == 10);
        Assert.True(await _fx.Adapter.DeletePodAsync(new PodKey("windows-apps", pods[2].Name), TimeSpan.Zero, CancellationToken.None));
        Assert.Null(_fx.Store.Find("v1", "pods", "windows-apps", pods[2].Name));
    }

    [Fact]
    public async Task Lists_budgets_that_cover_their_pods()
    {
        var budgets = await _fx.Adapter.ListDisruptionBudgetsAsync("windows-apps", CancellationToken.None);
        var pods = await _fx.Adapter.ListPodsOnNodeAsync(_fx.PodsOf("windows-apps", "iis-frontend")[0].Node, CancellationToken.None);
        var iis = pods.First(p => p.Key.Name.StartsWith("iis-frontend", StringComparison.Ordinal));

        Assert.Equal(["iis-frontend", "orders-api"], budgets.Select(b => b.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["iis-frontend"], budgets.Where(b => b.Covers(iis)).Select(b => b.Name));
        Assert.Equal(1, budgets.Single(b => b.Name == "iis-frontend").DisruptionsAllowed);
    }

    [Fact]
    public async Task An_unreachable_API_is_an_exception_without_a_status_code()
    {
        await _fx.Cluster.Server.StopAsync();

        var error = await Assert.ThrowsAsync<ClusterApiException>(() => _fx.Adapter.ListPodsOnNodeAsync(WindowsNode(), CancellationToken.None));

        Assert.Null(error.StatusCode);
    }

    private string WindowsNode() => _fx.Cluster.Fleet.Instances.First(i => i.Os == NodeOs.Windows).NodeName;
}
