using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Nodes;

/// <summary>
/// An observer, not a controller: the nodes whose instance terminated while pods other than DaemonSet pods were still
/// bound there and not finished. On EC2 those pods die with the instance, whatever their disruption budgets say: the
/// outcome a drain before termination exists to prevent. Used under the controllers' lock.
/// </summary>
internal sealed class TerminatedWithPods(ISandboxStore store, TimeProvider time)
{
    private readonly List<string> _seen = [];

    /// <summary>One line a node: when, which node, and the pods it still held.</summary>
    public IReadOnlyList<string> Seen => [.. _seen];

    /// <summary>Looks at the node of <paramref name="providerId"/> as its instance terminates.</summary>
    public void Terminating(string providerId)
    {
        var node = store.List(KubeApi.Core, KubeApi.Nodes).FirstOrDefault(n => NodeState.ProviderId(n) == providerId);
        if (node is null)
        {
            return;
        }

        var name = Meta.Name(node);
        var left = store.List(KubeApi.Core, KubeApi.Pods, fieldSelector: $"spec.nodeName={name}")
            .Where(p => PodState.Phase(p) is not ("Succeeded" or "Failed") && Meta.Str(Owners.ControllerOf(p), "kind") != "DaemonSet")
            .Select(p => $"{Meta.Namespace(p)}/{Meta.Name(p)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (left.Count > 0)
        {
            _seen.Add($"{time.GetUtcNow():O}: node {name} terminated with {left.Count} pod(s) on it: {string.Join(", ", left)}");
        }
    }
}
