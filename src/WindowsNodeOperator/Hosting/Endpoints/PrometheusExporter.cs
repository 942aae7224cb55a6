using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>
/// Reads the operator's System.Diagnostics.Metrics meters (<c>WindowsNodeOperator</c>, <c>.Runtime</c>, <c>.Aws</c>)
/// for the Prometheus scrape endpoint: counters as <c>_total</c> counters, units as name suffixes (<c>_seconds</c>).
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string MeterPrefix = "WindowsNodeOperator";

    public PrometheusExporter() =>
        MeterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MeterPrefix, MeterPrefix + ".*")
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();

    public MeterProvider MeterProvider { get; }

    public void Dispose() => MeterProvider.Dispose();
}
