using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;

namespace WindowsNodeOperator.Tests.Hosting;

/// <summary>What Prometheus reads on /metrics: our meters only, names as the instruments give them, seconds in seconds buckets.</summary>
[Collection(OperatorHosts.Name)]
public sealed class PrometheusExporterTests
{
    [Fact]
    public async Task Our_meters_are_exported_with_prometheus_names_and_other_meters_are_not()
    {
        using var exporter = new PrometheusExporter();
        using var ours = new Meter("WindowsNodeOperator.ExporterTest");
        using var theirs = new Meter("Someone.Else");
        ours.CreateCounter<long>("windowsnode_things_replaced_total").Add(2, new KeyValuePair<string, object?>("policy", "p"));
        ours.CreateCounter<long>("exporter.test.calls", unit: "{call}").Add(3);
        ours.CreateHistogram<double>("exporter.test.duration", unit: "s").Record(0.3);
        theirs.CreateCounter<long>("not_ours_total").Add(1);

        var text = await ScrapeAsync(exporter);

        Assert.Contains("windowsnode_things_replaced_total{otel_scope_name=\"WindowsNodeOperator.ExporterTest\",policy=\"p\"} 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE windowsnode_exporter_test_calls_total counter", text, StringComparison.Ordinal);
        Assert.Contains("windowsnode_exporter_test_duration_seconds_bucket{otel_scope_name=\"WindowsNodeOperator.ExporterTest\",le=\"0.25\"} 0", text, StringComparison.Ordinal);
        Assert.Contains("windowsnode_exporter_test_duration_seconds_bucket{otel_scope_name=\"WindowsNodeOperator.ExporterTest\",le=\"0.5\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("service_name=\"windows-node-operator\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not_ours", text, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(PrometheusExporter exporter)
    {
        await using var endpoint = new HttpEndpoint(BindAddress.Parse("127.0.0.1:0"), routes =>
            routes.MapPrometheusScrapingEndpoint("/metrics", exporter.MeterProvider, configureBranchedPipeline: null, optionsName: null));
        await endpoint.StartAsync(CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync(new Uri(endpoint.Address!, "/metrics"));
        await endpoint.StopAsync(CancellationToken.None);
        return text;
    }
}
