using System.Diagnostics.Metrics;
using WindowsNodeOperator.Notifications;

namespace WindowsNodeOperator.Tests.Notifications;

/// <summary>Listens to <c>windowsnode_webhook_deliveries_total</c> of one <see cref="WebhookMetrics"/>; a test can await a count.</summary>
internal sealed class DeliveryCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<(string Webhook, string Outcome), long> _counts = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public DeliveryCounts(WebhookMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter && instrument.Name == "windowsnode_webhook_deliveries_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => (string)t.Value!);
            lock (_counts)
            {
                var key = (tagged["webhook"], tagged["outcome"]);
                _counts[key] = _counts.GetValueOrDefault(key) + value;
                foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Signal.TrySetResult();
                }
            }
        });
        _listener.Start();
    }

    public long this[string outcome, string webhook = "test"]
    {
        get
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault((webhook, outcome));
            }
        }
    }

    /// <summary>Completes once the count of <paramref name="outcome"/> reaches <paramref name="count"/> (guarded by 20 s of real time).</summary>
    public Task WaitForAsync(string outcome, long count, string webhook = "test")
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_counts)
        {
            bool Done() => _counts.GetValueOrDefault((webhook, outcome)) >= count;
            if (Done())
            {
                return Task.CompletedTask;
            }

            _waiters.Add((Done, signal));
        }

        return signal.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose() => _listener.Dispose();
}
