using System.Diagnostics.Metrics;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Notifications;

/// <summary>What became of each webhook notification, on the operator's meter.</summary>
internal sealed class WebhookMetrics
{
    public const string Delivered = "delivered";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Dropped = "dropped";
    public const string Abandoned = "abandoned";

    private readonly Counter<long> _deliveries;

    public WebhookMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Meter = factory.Create(ReconciliationMetrics.MeterName);
        _deliveries = Meter.CreateCounter<long>(
            "windowsnode_webhook_deliveries_total",
            description: "Webhook notifications by outcome: delivered; rejected (4xx, not retried); failed (attempts spent); " +
                "dropped (queue full, oldest first); abandoned (leadership lost or shutdown before delivery).");
    }

    internal Meter Meter { get; }

    public void Count(string webhook, string outcome, int count = 1)
    {
        if (count > 0)
        {
            _deliveries.Add(count, new KeyValuePair<string, object?>("webhook", webhook), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
