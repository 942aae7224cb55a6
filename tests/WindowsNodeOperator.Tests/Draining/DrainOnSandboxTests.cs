using Microsoft.Extensions.Logging.Abstractions;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Tests.Cluster;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>The drainer with the real adapter against the seeded sandbox, over HTTP and on the real clock (short cadence).</summary>
public sealed class DrainOnSandboxTests : IAsyncLifetime
{
    private static readonly DrainerSettings Fast = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        EvictionBackoffBase = TimeSpan.FromMilliseconds(100),
        EvictionBackoffCap = TimeSpan.FromMilliseconds(400),
    };

    private SandboxClusterFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await SandboxClusterFixture.StartAsync();

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task Drains_a_node_leaving_its_DaemonSet_pods_and_kubectl_sees_it_cordoned()
    {
        var node = _fx.PodsOf("windows-apps", "orders-api")[0].Node;
        var drainer = new Drainer(_fx.Adapter, _fx.Adapter, TimeProvider.System, NullLogger<Drainer>.Instance, Fast);
        var options = new DrainOptions(TimeSpan.FromSeconds(20), null, DeleteEmptyDirData: true, DrainTimeoutAction.Wait);

        var result = await drainer.DrainAsync(node, "windows-default", options, new DrainHeartbeat(TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask), CancellationToken.None);

        Assert.Equal(DrainOutcome.Drained, result.Outcome);
        var left = _fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}");
        Assert.NotEmpty(left);
        Assert.All(left, p => Assert.Equal("DaemonSet", p["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>()));
        var get = await _fx.Kubectl.RunAsync("get", "node", node);
        Assert.Contains("SchedulingDisabled", get.Stdout, StringComparison.Ordinal);
        Assert.Equal("windows-default", _fx.Node(node)["metadata"]!["annotations"]![CordonAnnotations.CordonedBy]!.GetValue<string>());
    }

    [Fact]
    public async Task A_node_whose_pod_a_budget_protects_times_out_naming_the_budget()
    {
        // iis-frontend may lose one pod of four: spend that disruption elsewhere, then drain a node running another.
        var iis = _fx.PodsOf("windows-apps", "iis-frontend");
        var spent = await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", iis[0].Name), null, CancellationToken.None);
        Assert.Equal(EvictionOutcome.Evicted, spent.Outcome);
        var node = iis.First(p => p.Node != iis[0].Node).Node;
        var drainer = new Drainer(_fx.Adapter, _fx.Adapter, TimeProvider.System, NullLogger<Drainer>.Instance, Fast);
        var options = new DrainOptions(TimeSpan.FromSeconds(2), null, DeleteEmptyDirData: true, DrainTimeoutAction.Wait);

        var result = await drainer.DrainAsync(node, "windows-default", options, new DrainHeartbeat(TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask), CancellationToken.None);

        Assert.Equal(DrainOutcome.TimedOut, result.Outcome);
        Assert.Equal(["windows-apps/iis-frontend"], result.BlockingBudgets);
        var blocked = Assert.Single(result.Remaining, p => p.Reason == PendingReason.BlockedByBudget);
        Assert.StartsWith("iis-frontend", blocked.Pod.Name, StringComparison.Ordinal);
        Assert.NotNull(_fx.Store.Find("v1", "pods", "windows-apps", blocked.Pod.Name));
    }

    [Fact]
    public async Task Force_on_timeout_deletes_the_pod_its_budget_protects()
    {
        var iis = _fx.PodsOf("windows-apps", "iis-frontend");
        await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", iis[0].Name), null, CancellationToken.None);
        var node = iis.First(p => p.Node != iis[0].Node).Node;
        var drainer = new Drainer(_fx.Adapter, _fx.Adapter, TimeProvider.System, NullLogger<Drainer>.Instance, Fast);
        var options = new DrainOptions(TimeSpan.FromSeconds(1), TimeSpan.Zero, DeleteEmptyDirData: true, DrainTimeoutAction.Force);

        var result = await drainer.DrainAsync(node, "windows-default", options, new DrainHeartbeat(TimeSpan.FromSeconds(1), (_, _) => Task.CompletedTask), CancellationToken.None);

        Assert.Equal(DrainOutcome.Forced, result.Outcome);
        Assert.Empty(result.Remaining);
        Assert.DoesNotContain(_fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}"), p => p["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>() != "DaemonSet");
    }
}
