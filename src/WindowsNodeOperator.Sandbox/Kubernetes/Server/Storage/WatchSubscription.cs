using System.Threading.Channels;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

/// <summary>A live feed of changes to one storage key (and namespace) from a starting point; dispose to stop.</summary>
internal sealed class WatchSubscription(string storageKey, string? ns, Action<WatchSubscription> remove) : IDisposable
{
    private readonly Channel<StoredChange> _channel = Channel.CreateUnbounded<StoredChange>(
        new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<StoredChange> Reader => _channel.Reader;

    internal bool Accepts(StoredChange change) =>
        change.StorageKey == storageKey && (ns is null || change.Namespace == ns);

    internal void Offer(StoredChange change) => _channel.Writer.TryWrite(change);

    public void Dispose()
    {
        remove(this);
        _channel.Writer.TryComplete();
    }
}
