namespace WindowsNodeOperator.Runtime.Watching;

internal interface IResourceWatcher
{
    /// <summary>Completes once the first list has filled the cache.</summary>
    Task Synced { get; }

    Task RunAsync(CancellationToken ct);
}
