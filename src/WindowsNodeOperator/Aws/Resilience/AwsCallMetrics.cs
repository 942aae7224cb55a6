using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WindowsNodeOperator.Aws.Resilience;

/// <summary>
/// The <c>WindowsNodeOperator.Aws</c> meter: <c>aws.calls</c> counts every attempt by service, operation and
/// outcome, <c>aws.call.duration</c> times it.
/// </summary>
internal sealed class AwsCallMetrics
{
    public const string MeterName = "WindowsNodeOperator.Aws";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public AwsCallMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _calls = Meter.CreateCounter<long>("aws.calls", unit: "{call}", description: "AWS API attempts by outcome.");
        _duration = Meter.CreateHistogram<double>("aws.call.duration", unit: "s", description: "Duration of AWS API attempts.");
    }

    public Meter Meter { get; }

    public void Record(string service, string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "service", service },
            { "operation", operation },
            { "outcome", outcome },
        };
        _calls.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }
}
