namespace WindowsNodeOperator.Runtime.Events;

/// <summary>
/// The events recorded recently, so a repeat becomes a series update; bounded by least-recently-used
/// eviction so a controller that emits many distinct events does not grow without end.
/// </summary>
internal sealed class EventSeriesCache(int capacity)
{
    private readonly Dictionary<EventKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    public int Count => _entries.Count;

    public Entry? Find(EventKey key)
    {
        if (!_entries.TryGetValue(key, out var node))
        {
            return null;
        }

        _recency.Remove(node);
        _recency.AddFirst(node);
        return node.Value;
    }

    public void Put(Entry entry)
    {
        Remove(entry.Key);
        _entries[entry.Key] = _recency.AddFirst(entry);
        while (_entries.Count > capacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
        }
    }

    public void Remove(EventKey key)
    {
        if (_entries.Remove(key, out var node))
        {
            _recency.Remove(node);
        }
    }

    internal sealed class Entry(EventKey key, string name, DateTimeOffset lastObserved)
    {
        public EventKey Key { get; } = key;

        public string Name { get; } = name;

        public int Count { get; set; } = 1;

        public DateTimeOffset LastObserved { get; set; } = lastObserved;
    }
}
