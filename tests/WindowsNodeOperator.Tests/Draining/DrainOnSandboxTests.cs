using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Tests.Cluster;

namespace WindowsNodeOperator.Tests.Draining;

/// <summary>The drainer's steps with the real adapter against the seeded sandbox, over HTTP; the drain's clock is a fake one.</summary>
public sealed class DrainOnSandboxTests : IAsyncLifetime
{
    // The adapter stamps the cordon with the system clock; the drain's fake clock starts there and moves only when told.
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private SandboxClusterFixture _fx = null!;

    public async Task InitializeAsync() => _fx = await SandboxClusterFixture.StartAsync();

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task Drains_a_node_leaving_its_DaemonSet_pods_and_kubectl_sees_it_cordoned()
    {
        var node = _fx.PodsOf("windows-apps", "orders-api")[0].Node;
        var options = new DrainOptions(TimeSpan.FromMinutes(20), null, DeleteEmptyDirData: true, DrainTimeoutAction.Wait);

        var step = await StepUntilAsync(node, options, s => s.Outcome != DrainOutcome.Draining);

        Assert.Equal(DrainOutcome.Drained, step.Outcome);
        var left = _fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}");
        Assert.NotEmpty(left);
        Assert.All(left, p => Assert.Equal("DaemonSet", p["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>()));
        var get = await _fx.Kubectl.RunAsync("get", "node", node);
        Assert.Contains("SchedulingDisabled", get.Stdout, StringComparison.Ordinal);
        Assert.Equal("windows-default", _fx.Node(node)["metadata"]!["annotations"]![OperatorAnnotations.CordonedBy]!.GetValue<string>());
    }

    [Fact]
    public async Task A_node_whose_pod_a_budget_protects_times_out_naming_the_budget()
    {
        // iis-frontend may lose one pod of four: spend that disruption elsewhere, then drain a node running another.
        var iis = _fx.PodsOf("windows-apps", "iis-frontend");
        var spent = await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", iis[0].Name), null, CancellationToken.None);
        Assert.Equal(EvictionOutcome.Evicted, spent.Outcome);
        var node = iis.First(p => p.Node != iis[0].Node).Node;
        var options = new DrainOptions(TimeSpan.FromMinutes(2), null, DeleteEmptyDirData: true, DrainTimeoutAction.Wait);

        var step = await StepUntilAsync(node, options, s => s.Outcome != DrainOutcome.Draining);

        Assert.Equal(DrainOutcome.TimedOut, step.Outcome);
        Assert.Equal(["windows-apps/iis-frontend"], step.BlockingBudgets);
        var blocked = Assert.Single(step.Remaining, p => p.Reason == PendingReason.BlockedByBudget);
        Assert.StartsWith("iis-frontend", blocked.Pod.Name, StringComparison.Ordinal);
        Assert.NotNull(_fx.Store.Find("v1", "pods", "windows-apps", blocked.Pod.Name));
    }

    [Fact]
    public async Task Force_on_timeout_deletes_the_pod_its_budget_protects()
    {
        var iis = _fx.PodsOf("windows-apps", "iis-frontend");
        await _fx.Adapter.EvictPodAsync(new PodKey("windows-apps", iis[0].Name), null, CancellationToken.None);
        var node = iis.First(p => p.Node != iis[0].Node).Node;
        var options = new DrainOptions(TimeSpan.FromMinutes(1), TimeSpan.Zero, DeleteEmptyDirData: true, DrainTimeoutAction.Force);

        var step = await StepUntilAsync(node, options, s => s.Finished);

        Assert.Equal(DrainOutcome.Forced, step.Outcome);
        Assert.DoesNotContain(_fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}"), p => p["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>() != "DaemonSet");
    }

    [Fact]
    public async Task A_drain_of_a_node_with_30_pods_reads_only_that_nodes_pods()
    {
        var node = _fx.PodsOf("windows-apps", "orders-api")[0].Node;
        for (var i = 0; i < 30; i++)
        {
            _fx.Store.Create(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = $"batch-{i}", ["namespace"] = "windows-apps", ["labels"] = new JsonObject { ["app"] = "batch" } },
                ["spec"] = new JsonObject
                {
                    ["nodeName"] = node,
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "work", ["image"] = "mcr.microsoft.com/windows/nanoserver:ltsc2022" }),
                },
                ["status"] = new JsonObject { ["phase"] = "Running" },
            });
        }

        var onNode = _fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}").Count;
        var elsewhere = _fx.Store.List("v1", "pods").Count - onNode;
        Assert.True(onNode >= 30 && elsewhere > 0, $"{onNode} pods on the node, {elsewhere} elsewhere");
        _fx.Requests.Clear();
        var options = new DrainOptions(TimeSpan.FromMinutes(20), null, DeleteEmptyDirData: true, DrainTimeoutAction.Wait);

        var step = await StepUntilAsync(node, options, s => s.Outcome != DrainOutcome.Draining);

        Assert.Equal(DrainOutcome.Drained, step.Outcome);
        var podCalls = _fx.Requests.Sent.Where(r => r.Contains("/pods", StringComparison.Ordinal)).ToList();
        var reads = podCalls.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Equal($"GET /api/v1/pods?fieldSelector=spec.nodeName={node}&watch=false", r));
        Assert.All(podCalls.Except(reads), r => Assert.EndsWith("/eviction", r, StringComparison.Ordinal));
        Assert.Equal(onNode - _fx.Store.List("v1", "pods", fieldSelector: $"spec.nodeName={node}").Count, podCalls.Count - reads.Count);
    }

    /// <summary>A look every 15 s of the drain's clock, the node re-read each time as a reconcile reads its cache.</summary>
    private async Task<DrainStep> StepUntilAsync(string node, DrainOptions options, Func<DrainStep, bool> done)
    {
        var drainer = new Drainer(_fx.Adapter, _fx.Adapter, _time, NullLogger<Drainer>.Instance);
        for (var look = 0; look < 40; look++)
        {
            var current = await _fx.Adapter.GetNodeAsync(node, CancellationToken.None);
            var step = await drainer.StepAsync(current!, "windows-default", options, CancellationToken.None);
            if (done(step))
            {
                return step;
            }

            _time.Advance(TimeSpan.FromSeconds(15));

            // The kubelets confirm the deletions this look asked for before the next look.
            _fx.Cluster.Controllers!.Step();
        }

        throw new Xunit.Sdk.XunitException($"the drain of {node} did not end in 40 looks");
    }
}
