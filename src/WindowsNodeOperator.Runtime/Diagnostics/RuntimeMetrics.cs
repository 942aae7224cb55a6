using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace WindowsNodeOperator.Runtime.Diagnostics;

/// <summary>The runtime's instruments: reconciles by result, reconcile duration, queue depth, watch restarts.</summary>
internal sealed class RuntimeMetrics
{
    public const string MeterName = "WindowsNodeOperator.Runtime";

    private readonly ConcurrentDictionary<string, Func<int>> _queues = new();
    private readonly Counter<long> _reconciles;
    private readonly Histogram<double> _reconcileDuration;
    private readonly Counter<long> _watchRestarts;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _reconciles = meter.CreateCounter<long>("controller.reconciles", "{reconcile}", "Reconciles finished, by kind and result.");
        _reconcileDuration = meter.CreateHistogram<double>("controller.reconcile.duration", "s", "Time spent in one reconcile.");
        _watchRestarts = meter.CreateCounter<long>("controller.watch.restarts", "{restart}", "Watches restarted, by kind and reason.");
        meter.CreateObservableGauge("controller.queue.depth", ObserveQueues, "{key}", "Keys ready to reconcile.");
    }

    public void Reconciled(string kind, string result, TimeSpan duration)
    {
        var tags = new KeyValuePair<string, object?>[] { new("kind", kind), new("result", result) };
        _reconciles.Add(1, tags);
        _reconcileDuration.Record(duration.TotalSeconds, tags);
    }

    public void WatchRestarted(string kind, string reason) =>
        _watchRestarts.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Reports a queue's depth under <paramref name="kind"/> until the returned handle is disposed.</summary>
    public IDisposable TrackQueue(string kind, Func<int> depth)
    {
        _queues[kind] = depth;
        return new Untrack(() => _queues.TryRemove(new KeyValuePair<string, Func<int>>(kind, depth)));
    }

    private IEnumerable<Measurement<int>> ObserveQueues() =>
        _queues.Select(q => new Measurement<int>(q.Value(), new KeyValuePair<string, object?>("kind", q.Key))).ToList();

    private sealed class Untrack(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
