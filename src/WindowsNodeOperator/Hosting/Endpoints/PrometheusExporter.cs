using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace WindowsNodeOperator.Hosting.Endpoints;

/// <summary>
/// Reads the operator's System.Diagnostics.Metrics meters (<c>WindowsNodeOperator</c>, <c>.Runtime</c>, <c>.Aws</c>)
/// for the Prometheus scrape endpoint: counters as <c>_total</c> counters, units as name suffixes (<c>_seconds</c>),
/// and every name under the operator's <c>windowsnode_</c> prefix, so none collides in a shared Prometheus.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string MeterPrefix = "WindowsNodeOperator";

    public const string ServiceName = "windows-node-operator";

    public const string MetricPrefix = "windowsnode";

    // The SDK's default buckets suit milliseconds; ours are seconds, from a quick API call to a long reconcile.
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    // Drains take minutes to hours (drain.timeout is up to a day).
    private static readonly double[] DrainBuckets = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400];

    public PrometheusExporter() =>
        MeterProvider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .AddMeter(MeterPrefix, MeterPrefix + ".*")
            .AddView(Stream)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
            .Build();

    public MeterProvider MeterProvider { get; }

    /// <summary>The name an instrument is exported under: <c>controller.reconciles</c> becomes <c>windowsnode.controller.reconciles</c>.</summary>
    public static string ExportedName(string instrument) =>
        instrument.StartsWith(MetricPrefix + "_", StringComparison.Ordinal) || instrument.StartsWith(MetricPrefix + ".", StringComparison.Ordinal)
            ? instrument
            : MetricPrefix + "." + instrument;

    public void Dispose() => MeterProvider.Dispose();

    // One view per instrument: two matching views would export it twice.
    private static MetricStreamConfiguration Stream(Instrument instrument)
    {
        var name = ExportedName(instrument.Name);
        if (instrument.Unit != "s" || !IsHistogram(instrument))
        {
            return new MetricStreamConfiguration { Name = name };
        }

        var buckets = instrument.Name.Contains("drain", StringComparison.Ordinal) ? DrainBuckets : SecondsBuckets;
        return new ExplicitBucketHistogramConfiguration { Name = name, Boundaries = buckets };
    }

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);
}
