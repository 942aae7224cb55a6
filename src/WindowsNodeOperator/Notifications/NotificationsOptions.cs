namespace WindowsNodeOperator.Notifications;

/// <summary>The <c>Notifications</c> section: webhooks that receive a JSON POST for each replacement event. None by default.</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    public IList<WebhookOptions> Webhooks { get; } = new List<WebhookOptions>();
}
