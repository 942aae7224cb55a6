namespace WindowsNodeOperator.Notifications;

/// <summary>A notification waiting to be sent, with the term of leadership it was recorded under: it is never sent after that term ends.</summary>
internal sealed record QueuedNotification(NotificationPayload Payload, CancellationToken Term);
