using System.Diagnostics.CodeAnalysis;
using k8s;
using k8s.Models;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>One list read from the API server, served as the watch cache the operator's gatherer reads.</summary>
internal sealed class ListedCache<T>(IReadOnlyList<T> items) : IResourceCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public bool IsSynced => true;

    public bool TryGet(ObjectKey key, [MaybeNullWhen(false)] out T value)
    {
        value = items.FirstOrDefault(i => ObjectKey.From(i) == key);
        return value is not null;
    }

    public IReadOnlyList<T> List() => items;
}
