using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Notifications;

/// <summary>The notifier's log lines; they name a webhook by its setting's name, never by its URL.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(6001, LogLevel.Debug, "Webhook {Webhook} delivered {Reason} notification {Id} ({Detail}, attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string webhook, string reason, string id, string detail, int attempt);

    [LoggerMessage(6002, LogLevel.Information, "Webhook {Webhook}: attempt {Attempt} of notification {Id} failed ({Detail}); next attempt in {Delay}")]
    public static partial void Retrying(ILogger logger, string webhook, int attempt, string id, string detail, TimeSpan delay);

    [LoggerMessage(6003, LogLevel.Warning, "Webhook {Webhook} refused {Reason} notification {Id} ({Detail}); not retried")]
    public static partial void Rejected(ILogger logger, string webhook, string reason, string id, string detail);

    [LoggerMessage(6004, LogLevel.Warning, "Webhook {Webhook}: {Reason} notification {Id} not delivered after {Attempts} attempt(s) ({Detail})")]
    public static partial void Failed(ILogger logger, string webhook, string reason, string id, int attempts, string detail);

    [LoggerMessage(6005, LogLevel.Warning, "Webhook {Webhook}: queue full, dropped the oldest notification {Id} ({Reason})")]
    public static partial void Dropped(ILogger logger, string webhook, string id, string reason);

    [LoggerMessage(6006, LogLevel.Information, "Webhook {Webhook}: {Count} notification(s) not sent, recorded under a term of leadership that ended or before shutdown")]
    public static partial void Abandoned(ILogger logger, string webhook, int count);

    [LoggerMessage(6007, LogLevel.Warning, "Could not queue the {Reason} notification")]
    public static partial void OfferFailed(ILogger logger, Exception exception, string reason);
}
