using System.Diagnostics.Metrics;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>Counts the reconciles of one in-process operator: the runtime's counter, on the meters of that host's factory only.</summary>
internal sealed class ReconcileListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public ReconcileListener(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && ReconcileCounter.IsInstrument(instrument.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
