using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Notifications;

/// <summary>
/// Turns the operator's events into webhook notifications: <see cref="Offer"/> builds the payload once and queues it on each
/// webhook whose reasons match, without waiting; the hosted service runs one sender per webhook. An edge adapter, not
/// reconciliation: nothing here is state a restart needs (Kubernetes keeps the Events).
/// </summary>
internal sealed class WebhookNotifier(
    IReadOnlyList<WebhookEndpoint> endpoints, ILeadership leadership, WebhookMetrics metrics, TimeProvider time, ILogger<WebhookNotifier> logger)
    : BackgroundService, IEventNotifier
{
    private readonly EventSeries _series = new();

    public IReadOnlyList<WebhookEndpoint> Endpoints => endpoints;

    public void Offer(EventNotice notice)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(notice);
            var targets = endpoints.Where(e => e.Wants(notice.Reason)).ToList();
            if (targets.Count == 0)
            {
                return;
            }

            // 1. Only the leader records events; a notice from a term that has ended (or none) is not sent.
            var leading = leadership.WaitForLeadershipAsync(CancellationToken.None);
            if (!leading.IsCompletedSuccessfully || leading.Result.IsCancellationRequested)
            {
                targets.ForEach(e => metrics.Count(e.Name, WebhookMetrics.Abandoned));
                return;
            }

            // 2. A repeat within the series window is the same Kubernetes Event: already notified.
            var now = time.GetUtcNow();
            if (_series.NewEventId(notice, now) is not { } id)
            {
                return;
            }

            var queued = new QueuedNotification(NotificationPayload.Create(notice, id, now), leading.Result);
            targets.ForEach(e => e.Enqueue(queued));
        }
#pragma warning disable CA1031 // The reconcile must never fail because of a notification.
        catch (Exception e)
#pragma warning restore CA1031
        {
            WebhookLog.OfferFailed(logger, e, notice?.Reason ?? string.Empty);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(endpoints.Select(e => e.RunAsync(stoppingToken)));
}
