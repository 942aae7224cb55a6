namespace WindowsNodeOperator.Notifications;

/// <summary>Takes the operator's events for delivery outside the cluster. Returns at once and never throws.</summary>
internal interface IEventNotifier
{
    void Offer(EventNotice notice);
}
