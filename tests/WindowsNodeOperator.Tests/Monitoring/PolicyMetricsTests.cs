using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Moq;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;
using WindowsNodeOperator.Monitoring;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Tests.Hosting;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>The policy metrics as Prometheus scrapes them: per node and group, from the leader only, counters from 0.</summary>
[Collection(OperatorHosts.Name)]
public sealed class PolicyMetricsTests : IDisposable
{
    private readonly Mock<ILeadership> _leadership = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly PrometheusExporter _exporter = new();
    private readonly ReconciliationMetrics _metrics;
    private readonly string _policy = "metrics-" + Guid.NewGuid().ToString("N")[..8];

    public PolicyMetricsTests()
    {
        _leadership.SetupGet(l => l.IsLeader).Returns(true);
        _metrics = new ReconciliationMetrics(_services.GetRequiredService<IMeterFactory>(), _leadership.Object);
    }

    [Fact]
    public async Task The_leader_exports_each_managed_node_and_each_group_with_counters_from_zero()
    {
        _metrics.Observe(Readout(failed: true));

        var text = await ScrapeAsync();

        Assert.Equal(1700000000, ScrapedSeries.Value(text, "windowsnode_node_expiry_timestamp_seconds", ("group", "win-a"), ("node", "node-1"), ("policy", _policy)));
        Assert.Equal(1, ScrapedSeries.Value(text, "windowsnode_node_info", ("ami", "ami-old"), ("group", "win-a"), ("instance", "i-1"), ("node", "node-1"), ("policy", _policy)));
        Assert.Equal(1, ScrapedSeries.Value(text, "windowsnode_refresh_failed", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(0, ScrapedSeries.Value(text, "windowsnode_refreshes_in_progress", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(0, ScrapedSeries.Value(text, "windowsnode_refreshes_failed_total", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(0, ScrapedSeries.Value(text, "windowsnode_blocked_drains", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(1690000000, ScrapedSeries.Value(text, "windowsnode_latest_ami_release_timestamp_seconds", ("ami", "ami-new"), ("policy", _policy)));
        Assert.Equal(1, ScrapedSeries.Value(text, "windowsnode_nodes", ("policy", _policy), ("state", "drifted")));
    }

    [Fact]
    public async Task A_blocked_drain_is_a_gauge_for_as_long_as_it_is_blocked_and_its_duration_is_recorded_when_it_ends()
    {
        _metrics.Observe(Readout(failed: false));
        _metrics.DrainBlocked(_policy, "win-a", "i-1");
        var blocked = await ScrapeAsync();
        _metrics.NodeDrained(_policy, "win-a", "i-1", "Drained", TimeSpan.FromMinutes(40));
        var drained = await ScrapeAsync();

        Assert.Equal(1, ScrapedSeries.Value(blocked, "windowsnode_blocked_drains", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(1, ScrapedSeries.Value(blocked, "windowsnode_drains_blocked_total", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(0, ScrapedSeries.Value(drained, "windowsnode_blocked_drains", ("group", "win-a"), ("policy", _policy)));
        Assert.Equal(1, ScrapedSeries.Value(drained, "windowsnode_drain_duration_seconds_bucket", ("group", "win-a"), ("outcome", "Drained"), ("policy", _policy), ("le", "3600")));
        Assert.Equal(0, ScrapedSeries.Value(drained, "windowsnode_drain_duration_seconds_bucket", ("group", "win-a"), ("outcome", "Drained"), ("policy", _policy), ("le", "1800")));
    }

    [Fact]
    public async Task A_replica_that_does_not_lead_exports_no_policy_gauges_and_a_term_that_ends_clears_them()
    {
        _metrics.Observe(Readout(failed: true));
        _leadership.SetupGet(l => l.IsLeader).Returns(false);
        var standby = await ScrapeAsync();
        _leadership.SetupGet(l => l.IsLeader).Returns(true);
        _metrics.Clear();
        var cleared = await ScrapeAsync();

        foreach (var text in new[] { standby, cleared })
        {
            var policyGauges = text.Split('\n')
                .Where(l => !l.StartsWith('#') && l.Contains($"policy=\"{_policy}\"", StringComparison.Ordinal) && !l.Contains("_total{", StringComparison.Ordinal))
                .ToList();
            Assert.Empty(policyGauges);
        }
    }

    [Fact]
    public async Task No_gauge_shares_its_family_name_with_a_counter_which_an_OpenMetrics_scrape_would_drop()
    {
        _metrics.Observe(Readout(failed: false));

        var types = (await ScrapeAsync()).Split('\n')
            .Where(l => l.StartsWith("# TYPE windowsnode_", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .ToList();
        var counters = types.Where(t => t[3] == "counter").Select(t => t[2].EndsWith("_total", StringComparison.Ordinal) ? t[2][..^"_total".Length] : t[2]);

        Assert.Empty(counters.Intersect(types.Where(t => t[3] != "counter").Select(t => t[2])));
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _exporter.Dispose();
        _services.Dispose();
    }

    private PolicyReadout Readout(bool failed) => new(
        _policy,
        new FleetCounts(2, 0, 1, 1, 0, null, null, null),
        3600,
        0,
        1_700_000_100,
        [new NodeSeries("node-1", "win-a", "i-1", "ami-old", 1_700_000_000), new NodeSeries("node-2", "win-b", "i-2", "ami-new", 1_700_100_000)],
        [new GroupSeries("win-a", false, failed), new GroupSeries("win-b", false, false)],
        "ami-new",
        1_690_000_000);

    private async Task<string> ScrapeAsync()
    {
        await using var endpoint = new HttpEndpoint(BindAddress.Parse("127.0.0.1:0"), routes =>
            routes.MapPrometheusScrapingEndpoint("/metrics", _exporter.MeterProvider, configureBranchedPipeline: null, optionsName: null));
        await endpoint.StartAsync(CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(endpoint.Address!, "/metrics"));
        await endpoint.StopAsync(CancellationToken.None);
        return text;
    }
}
