using WindowsNodeOperator.Benchmarks.Fleet;
using WindowsNodeOperator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.Benchmarks;

/// <summary>
/// The fleet benchmark on 200 nodes (2 groups, 10 pods each) as a regression check of what the operator spends per
/// steady-state reconcile and how often it looks when idle: counts only, never times. `run` is its own process here.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class FleetCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_steady_reconcile_of_two_hundred_nodes_costs_the_lower_bound_of_calls_and_an_idle_hour_at_most_eight_looks()
    {
        var shape = new FleetShape(Nodes: 200, Groups: 2, PodsPerNode: 10);
        using var text = new StringWriter();
        var figures = (await FleetBenchmark.RunAsync(shape, text, FleetBenchmark.Parts.Steady | FleetBenchmark.Parts.IdleHour, looks: 5)).Values;
        output.WriteLine(text.ToString());

        // 1. The lower bound is one Auto Scaling describe (2 groups): every instance is known in service after the first look, so
        //    no EC2 call; SSM only on cache expiry.
        Assert.Equal(1, figures["aws_calls_lower_bound"]);
        Assert.Equal(0, figures["aws_calls_per_reconcile_ssm"]);
        Assert.Equal(0, figures["aws_calls_per_reconcile_ec2"]);

        // 2. At the lower bound: one describe of the groups by tag, no DescribeInstanceRefreshes (the ledger knows no refresh
        //    of the operator's in flight), no EC2 call.
        Assert.True(figures["aws_calls_per_reconcile_autoscaling"] <= 1, text.ToString());
        Assert.True(figures["aws_calls_per_reconcile"] <= figures["aws_calls_lower_bound"], text.ToString());

        // 3. The target: at most 2 API requests a look (the GET of the policy itself); the caches do the rest.
        Assert.True(figures["kube_requests_per_reconcile"] <= 2, text.ToString());

        // 4. The target is at most 12 looks an hour with every kubelet heartbeating. Heartbeats wake no policy, nor do the
        //    status writes of its own looks: the resync (6), the AMI recheck (1) and the one node crossing maxNodeAge (1).
        Assert.True(figures["idle_reconciles_per_hour"] <= 8, text.ToString());

        // 5. The look at the crossing starts at the crossing, and the sandbox's clock stands still while it computes.
        Assert.True(figures["detection_latency_ms"] < 1000, text.ToString());
    }
}
