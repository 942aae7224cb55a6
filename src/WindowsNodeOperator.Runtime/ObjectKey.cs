using k8s;
using k8s.Models;

namespace WindowsNodeOperator.Runtime;

/// <summary>Identifies one Kubernetes object: its namespace (null when cluster-scoped) and name.</summary>
public sealed record ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of an object, read from its metadata.</summary>
    public static ObjectKey From(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = obj.Metadata?.NamespaceProperty;
        return new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, obj.Metadata?.Name ?? string.Empty);
    }

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
