using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Tests.Reconciliation;

internal sealed class FakeCache<T> : IResourceCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);

    public bool IsSynced => true;

    public void Put(T item) => _items[ObjectKey.From(item).ToString()] = item;

    public void Remove(string name) => _items.Remove(name);

    public bool TryGet(ObjectKey key, [MaybeNullWhen(false)] out T value) => _items.TryGetValue(key.ToString(), out value);

    public IReadOnlyList<T> List() => _items.Values.ToList();
}
