using k8s;
using k8s.Models;

namespace WindowsNodeOperator.Runtime.Events;

/// <summary>Records Kubernetes events (events.k8s.io/v1) about objects. Best effort: never throws.</summary>
public interface IEventRecorder
{
    /// <summary>
    /// Records an event; the same event again within a few minutes bumps the existing event's series
    /// instead of creating another. <paramref name="type"/> is <see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.
    /// </summary>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string? note, CancellationToken ct = default);
}
