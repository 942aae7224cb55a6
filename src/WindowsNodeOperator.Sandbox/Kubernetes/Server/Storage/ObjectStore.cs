using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

/// <summary>
/// Objects by storage key, namespace and name (in etcd's key order, with an index by namespace), one global
/// resourceVersion counter and a bounded change history for watches. Not thread-safe by itself: callers hold
/// <see cref="Sync"/>.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SortedDictionary<string, JsonObject>>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Queue<StoredChange> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private long _compactedThrough;

    public Lock Sync { get; } = new();

    public long ResourceVersion { get; private set; }

    public event Action<StoredChange>? Committed;

    public long NextResourceVersion() => ++ResourceVersion;

    public JsonObject? Get(string storageKey, string? ns, string name) =>
        _objects.TryGetValue(storageKey, out var bucket) && bucket.TryGetValue(Key(ns, name), out var obj) ? obj : null;

    public IReadOnlyList<JsonObject> List(string storageKey, string? ns)
    {
        if (!_objects.TryGetValue(storageKey, out var bucket))
        {
            return [];
        }

        if (ns is null)
        {
            return bucket.Values.ToList();
        }

        return _byNamespace.TryGetValue(storageKey, out var namespaces) && namespaces.TryGetValue(ns, out var inNamespace)
            ? inNamespace.Values.ToList()
            : [];
    }

    /// <summary>Stores (or replaces) an object whose resourceVersion was already stamped, and records the change.</summary>
    public void Put(string storageKey, JsonObject obj, JsonObject? previous)
    {
        if (!_objects.TryGetValue(storageKey, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[storageKey] = bucket;
        }

        bucket[Key(Namespace(obj), Name(obj))] = obj;
        if (Namespace(obj) is { } ns)
        {
            if (!_byNamespace.TryGetValue(storageKey, out var namespaces))
            {
                namespaces = new Dictionary<string, SortedDictionary<string, JsonObject>>(StringComparer.Ordinal);
                _byNamespace[storageKey] = namespaces;
            }

            if (!namespaces.TryGetValue(ns, out var inNamespace))
            {
                inNamespace = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                namespaces[ns] = inNamespace;
            }

            inNamespace[Name(obj)] = obj;
        }

        Record(new StoredChange(ResourceVersion, previous is null ? "ADDED" : "MODIFIED", storageKey, obj, previous));
    }

    /// <summary>Removes an object; the final state (with a fresh resourceVersion) is what watchers see as DELETED.</summary>
    public void Remove(string storageKey, JsonObject finalState)
    {
        if (_objects.TryGetValue(storageKey, out var bucket) && bucket.Remove(Key(Namespace(finalState), Name(finalState)), out var previous))
        {
            if (Namespace(finalState) is { } ns && _byNamespace.TryGetValue(storageKey, out var namespaces) && namespaces.TryGetValue(ns, out var inNamespace))
            {
                inNamespace.Remove(Name(finalState));
            }

            Record(new StoredChange(ResourceVersion, "DELETED", storageKey, finalState, previous));
        }
    }

    /// <summary>
    /// Subscribes from a resourceVersion: null replays every current object as ADDED first (rv "0" or
    /// absent); a number replays retained history after it; a compacted one yields null (410 Gone).
    /// </summary>
    public WatchSubscription? Subscribe(string storageKey, string? ns, long? fromResourceVersion)
    {
        if (fromResourceVersion is { } from && from < _compactedThrough)
        {
            return null;
        }

        var subscription = new WatchSubscription(storageKey, ns, Unsubscribe);
        if (fromResourceVersion is { } start)
        {
            foreach (var change in _history.Where(c => c.ResourceVersion > start && subscription.Accepts(c)))
            {
                subscription.Offer(change);
            }
        }
        else
        {
            foreach (var obj in List(storageKey, ns))
            {
                subscription.Offer(new StoredChange(ResourceVersion, "ADDED", storageKey, obj, null));
            }
        }

        _watchers.Add(subscription);
        return subscription;
    }

    /// <summary>Changes committed and offered to open watches, not yet delivered by them (callers hold <see cref="Sync"/>).</summary>
    public int UndeliveredWatchEvents => _watchers.Sum(w => w.Undelivered);

    /// <summary>Drops the whole change history, as etcd compaction does; older watches then get 410.</summary>
    public void Compact()
    {
        _history.Clear();
        _compactedThrough = ResourceVersion;
    }

    public long OldestWatchableResourceVersion => _compactedThrough;

    private void Record(StoredChange change)
    {
        _history.Enqueue(change);
        while (_history.Count > historyLimit)
        {
            _compactedThrough = _history.Dequeue().ResourceVersion;
        }

        foreach (var watcher in _watchers.Where(w => w.Accepts(change)))
        {
            watcher.Offer(change);
        }

        Committed?.Invoke(change);
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (Sync)
        {
            _watchers.Remove(subscription);
        }
    }

    private static string Key(string? ns, string name) => (ns ?? "") + "/" + name;

    private static string? Namespace(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    private static string Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";
}
