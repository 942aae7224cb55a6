using System.Threading.Channels;

namespace WindowsNodeOperator.Notifications;

/// <summary>A bounded queue that never blocks a writer: when full it drops the oldest notification and reports it.</summary>
internal sealed class WebhookQueue(int capacity, Action<QueuedNotification> dropped)
{
    private readonly Channel<QueuedNotification> _channel = Channel.CreateBounded(
        new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
        dropped);

    public int Count => _channel.Reader.Count;

    public void Add(QueuedNotification notification) => _channel.Writer.TryWrite(notification);

    public ValueTask<QueuedNotification> TakeAsync(CancellationToken ct) => _channel.Reader.ReadAsync(ct);

    /// <summary>Removes notifications from the front while <paramref name="match"/> holds; returns how many.</summary>
    public int SkipWhile(Func<QueuedNotification, bool> match)
    {
        var skipped = 0;
        while (_channel.Reader.TryPeek(out var front) && match(front) && _channel.Reader.TryRead(out _))
        {
            skipped++;
        }

        return skipped;
    }

    /// <summary>Empties the queue; returns how many were waiting.</summary>
    public int Clear()
    {
        var cleared = 0;
        while (_channel.Reader.TryRead(out _))
        {
            cleared++;
        }

        return cleared;
    }
}
