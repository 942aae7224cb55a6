using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace WindowsNodeOperator.Runtime.Hosting;

/// <summary>Adds to a registered controller the other kinds whose changes should reconcile its objects.</summary>
public interface IControllerBuilder<T>
{
    IServiceCollection Services { get; }

    /// <summary>
    /// Watches <typeparamref name="TOther"/> too (its cache becomes an <c>IResourceCache&lt;TOther&gt;</c>);
    /// every change enqueues the primary keys <paramref name="map"/> returns, for the old and the new copy.
    /// With <paramref name="changed"/>, a modification enqueues only when it returns true for the cached copy (null
    /// when none was cached) and the new one, as a controller-runtime update predicate does; additions and deletions
    /// always enqueue. With <paramref name="trim"/>, each copy is trimmed before it is cached or compared (drop the fields no
    /// reconciler reads, as a controller-runtime cache transform does); managedFields are always dropped.
    /// </summary>
    IControllerBuilder<T> Watches<TOther>(
        ResourceType type,
        Func<TOther, IEnumerable<ObjectKey>> map,
        string? labelSelector = null,
        Func<TOther?, TOther, bool>? changed = null,
        Action<TOther>? trim = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>
    /// A modification of a primary object enqueues its key only when <paramref name="changed"/> returns true for the cached
    /// copy and the new one (controller-runtime's update predicate on the primary watch, e.g. its GenerationChangedPredicate);
    /// additions, deletions and the resync always enqueue, and the cache always holds the newest copy.
    /// </summary>
    IControllerBuilder<T> WakesOn(Func<T?, T, bool> changed);
}
