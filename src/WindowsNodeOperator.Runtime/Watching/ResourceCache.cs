using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;

namespace WindowsNodeOperator.Runtime.Watching;

internal sealed class ResourceCache<T> : IResourceCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ConcurrentDictionary<ObjectKey, T> _items = new();
    private volatile bool _synced;

    public bool IsSynced => _synced;

    public bool TryGet(ObjectKey key, [MaybeNullWhen(false)] out T value) => _items.TryGetValue(key, out value);

    public IReadOnlyList<T> List() => _items.Values.ToList();

    public IReadOnlyCollection<ObjectKey> Keys => _items.Keys.ToList();

    /// <summary>Stores the object; returns the copy it replaced, if any.</summary>
    public T? Upsert(T obj)
    {
        var key = ObjectKey.From(obj);
        T? old = null;
        _items.AddOrUpdate(key, obj, (_, existing) =>
        {
            old = existing;
            return obj;
        });
        return old;
    }

    public T? Remove(ObjectKey key) => _items.TryRemove(key, out var old) ? old : null;

    /// <summary>Replaces the whole content with a fresh list; returns the objects that disappeared.</summary>
    public IReadOnlyList<T> Replace(IReadOnlyCollection<T> fresh)
    {
        var freshKeys = fresh.Select(ObjectKey.From).ToHashSet();
        var gone = new List<T>();
        foreach (var key in _items.Keys)
        {
            if (!freshKeys.Contains(key) && _items.TryRemove(key, out var old))
            {
                gone.Add(old);
            }
        }

        foreach (var obj in fresh)
        {
            _items[ObjectKey.From(obj)] = obj;
        }

        _synced = true;
        return gone;
    }
}
