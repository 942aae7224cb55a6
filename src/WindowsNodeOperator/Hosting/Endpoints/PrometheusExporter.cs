using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>
/// Reads the operator's System.Diagnostics.Metrics meters (<c>WindowsNodeOperator</c>, <c>.Runtime</c>, <c>.Aws</c>)
/// for the Prometheus scrape endpoint: counters as <c>_total</c> counters, units as name suffixes (<c>_seconds</c>).
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string MeterPrefix = "WindowsNodeOperator";

    public const string ServiceName = "windows-node-operator";

    // The SDK's default buckets suit milliseconds; ours are seconds, from a quick API call to a long reconcile.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    public PrometheusExporter() =>
        MeterProvider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .AddMeter(MeterPrefix, MeterPrefix + ".*")
            .AddView(instrument => instrument.Unit == "s" ? new ExplicitBucketHistogramConfiguration { Boundaries = SecondsBuckets } : null)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();

    public MeterProvider MeterProvider { get; }

    public void Dispose() => MeterProvider.Dispose();
}
