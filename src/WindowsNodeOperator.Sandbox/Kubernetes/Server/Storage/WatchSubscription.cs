using System.Threading.Channels;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

/// <summary>
/// A live feed of changes to one storage key (and namespace) from a starting point; dispose to stop. Counts the changes
/// offered and not yet <see cref="Delivered"/> (written to the watch stream and flushed, or handed to an in-process reader).
/// </summary>
internal sealed class WatchSubscription(string storageKey, string? ns, Action<WatchSubscription> remove) : IDisposable
{
    private readonly Channel<StoredChange> _channel = Channel.CreateUnbounded<StoredChange>(
        new UnboundedChannelOptions { SingleReader = true });

    private int _undelivered;

    public ChannelReader<StoredChange> Reader => _channel.Reader;

    /// <summary>Changes offered to this watch that its reader has not yet finished with.</summary>
    public int Undelivered => Volatile.Read(ref _undelivered);

    /// <summary>The reader is done with one change read from <see cref="Reader"/> (sent, or filtered out).</summary>
    public void Delivered() => Interlocked.Decrement(ref _undelivered);

    internal bool Accepts(StoredChange change) =>
        change.StorageKey == storageKey && (ns is null || change.Namespace == ns);

    internal void Offer(StoredChange change)
    {
        if (_channel.Writer.TryWrite(change))
        {
            Interlocked.Increment(ref _undelivered);
        }
    }

    public void Dispose()
    {
        remove(this);
        _channel.Writer.TryComplete();
    }
}
