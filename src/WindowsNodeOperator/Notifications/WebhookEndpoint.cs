using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Notifications;

/// <summary>
/// One webhook: its reason filter, its queue and its single sender, which delivers in order, at least once per
/// notification (same id on every attempt) while the term of leadership it was recorded under lasts.
/// </summary>
internal sealed class WebhookEndpoint
{
    private readonly WebhookOptions _options;
    private readonly Func<string, string?> _environment;
    private readonly WebhookSender _sender;
    private readonly WebhookMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<double> _jitter;
    private readonly HashSet<string> _reasons;
    private readonly WebhookQueue _queue;

    public WebhookEndpoint(
        WebhookOptions options, Func<string, string?> environment, WebhookSender sender, WebhookMetrics metrics, TimeProvider time, ILogger logger, Func<double>? jitter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _environment = environment;
        _sender = sender;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _jitter = jitter ?? Random.Shared.NextDouble;
        _reasons = options.EffectiveReasons.ToHashSet(StringComparer.Ordinal);
        _queue = new WebhookQueue(options.QueueCapacity, OnDropped);
    }

    public string Name => _options.Name;

    public int Queued => _queue.Count;

    public bool Wants(string reason) => _reasons.Contains(reason);

    /// <summary>Queues without waiting; a full queue loses its oldest notification.</summary>
    public void Enqueue(QueuedNotification notification) => _queue.Add(notification);

    /// <summary>Sends until <paramref name="stopping"/>; what is still queued then is counted abandoned.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                var next = await _queue.TakeAsync(stopping).ConfigureAwait(false);
                if (next.Term.IsCancellationRequested)
                {
                    Abandon(1 + _queue.SkipWhile(Ended));
                    continue;
                }

                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping, next.Term);
                try
                {
                    await DeliverAsync(next.Payload, leading.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // The term ended mid-delivery: the next leader records its own events; this replica stops sending.
                    Abandon(1 + _queue.SkipWhile(Ended));
                }
                catch (OperationCanceledException)
                {
                    Abandon(1);
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            Abandon(_queue.Clear());
        }
    }

    private async Task DeliverAsync(NotificationPayload payload, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // 1. The URL is read again each attempt: a rotated Secret takes effect without a restart.
            var result = WebhookUrl.TryResolve(_options, _environment, out var url, out var problem)
                ? await _sender.SendAsync(url, payload, _options.Timeout, ct).ConfigureAwait(false)
                : new SendResult(SendOutcome.Retry, problem);
            switch (result.Outcome)
            {
                case SendOutcome.Delivered:
                    WebhookLog.Delivered(_logger, Name, payload.Reason, payload.Id, result.Detail, attempt);
                    _metrics.Count(Name, WebhookMetrics.Delivered);
                    return;
                case SendOutcome.Rejected:
                    WebhookLog.Rejected(_logger, Name, payload.Reason, payload.Id, result.Detail);
                    _metrics.Count(Name, WebhookMetrics.Rejected);
                    return;
                case SendOutcome.Retry when attempt >= _options.MaxAttempts:
                    WebhookLog.Failed(_logger, Name, payload.Reason, payload.Id, attempt, result.Detail);
                    _metrics.Count(Name, WebhookMetrics.Failed);
                    return;
                default:
                    var delay = WebhookBackoff.Delay(attempt, result.RetryAfter, _jitter());
                    WebhookLog.Retrying(_logger, Name, attempt, payload.Id, result.Detail, delay);
                    await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static bool Ended(QueuedNotification notification) => notification.Term.IsCancellationRequested;

    private void OnDropped(QueuedNotification dropped)
    {
        WebhookLog.Dropped(_logger, Name, dropped.Payload.Id, dropped.Payload.Reason);
        _metrics.Count(Name, WebhookMetrics.Dropped);
    }

    private void Abandon(int count)
    {
        if (count > 0)
        {
            WebhookLog.Abandoned(_logger, Name, count);
            _metrics.Count(Name, WebhookMetrics.Abandoned, count);
        }
    }
}
