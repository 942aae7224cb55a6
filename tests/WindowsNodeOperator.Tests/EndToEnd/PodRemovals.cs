using System.Collections.Concurrent;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// When each pod and each Node left the API server, watched on the store as it changes: the pod's node, and whether that
/// Node was still there when the pod went (a pod removed by its kubelet or a force delete, not by the pod GC after its Node).
/// </summary>
internal sealed class PodRemovals : IDisposable
{
    private readonly ISandboxStore _store;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (string? Node, DateTimeOffset At, bool NodeThere)> _pods = new(StringComparer.Ordinal);

    public PodRemovals(ISandboxStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        store.Changed += OnChanged;
    }

    /// <summary>The pod's removal (by name), if it was removed.</summary>
    public (string? Node, DateTimeOffset At, bool NodeThere)? Of(string pod) => _pods.TryGetValue(pod, out var removal) ? removal : null;

    public void Dispose() => _store.Changed -= OnChanged;

    // Raised under the store's lock: a Find here sees the store as it is at this change.
    private void OnChanged(object? sender, SandboxWatchEvent e)
    {
        if (e.Type != "DELETED" || e.Resource["kind"]?.GetValue<string>() != "Pod")
        {
            return;
        }

        var node = e.Resource["spec"]?["nodeName"]?.GetValue<string>();
        var there = node is not null && _store.Find("v1", "nodes", null, node) is not null;
        _pods[e.Resource["metadata"]!["name"]!.GetValue<string>()] = (node, _time.GetUtcNow(), there);
    }
}
