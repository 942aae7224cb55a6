using k8s.Models;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Reconciliation.Launch;

/// <summary>
/// When a new node counts as launched: it is Ready, carries none of the startup taints (the cloud provider's
/// <c>uninitialized</c> taint and those the policy names, as Karpenter's <c>startupTaints</c>), carries the readiness
/// labels the policy names, and every DaemonSet that should run on it has a Ready pod there. A cluster with no
/// DaemonSet for Windows nodes (EKS runs kubelet and kube-proxy as Windows services) needs none.
/// </summary>
internal static class LaunchReadiness
{
    /// <summary>Set by the cloud controller manager until it has initialized the node (https://kubernetes.io/docs/reference/labels-annotations-taints/#node-cloudprovider-kubernetes-io-uninitialized).</summary>
    public const string UninitializedTaint = "node.cloudprovider.kubernetes.io/uninitialized";

    /// <returns>Null when launched; otherwise what the node still waits for, for logs and status.</returns>
    public static string? WaitingFor(V1Node? node, RefreshSpec spec, IEnumerable<V1DaemonSet> daemonSets, IEnumerable<V1Pod> podsOnNode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (node is null)
        {
            return "its Node to register";
        }

        var name = node.Metadata.Name;
        if (!NodeReading.IsReady(node))
        {
            return $"node {name} to be Ready";
        }

        var taints = node.Spec?.Taints ?? [];
        var startupTaint = taints.Select(t => t.Key).FirstOrDefault(k => k == UninitializedTaint || spec.StartupTaints?.Contains(k) == true);
        if (startupTaint is not null)
        {
            return $"startup taint {startupTaint} to leave node {name}";
        }

        var labels = node.Metadata.Labels ?? new Dictionary<string, string>();
        foreach (var (key, value) in spec.ReadinessLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return $"label {key}={value} on node {name}";
            }
        }

        var pods = podsOnNode.ToList();
        var missing = daemonSets
            .Where(d => DaemonSetPlacement.ShouldRunOn(d, node))
            .FirstOrDefault(d => !pods.Any(p => OwnedBy(p, d) && NodeReading.IsReady(p)));
        return missing is null ? null : $"DaemonSet {missing.Metadata.NamespaceProperty}/{missing.Metadata.Name} to be Ready on node {name}";
    }

    private static bool OwnedBy(V1Pod pod, V1DaemonSet daemonSet) =>
        pod.Metadata?.NamespaceProperty == daemonSet.Metadata.NamespaceProperty
        && pod.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Kind == "DaemonSet" && o.Name == daemonSet.Metadata.Name) == true;
}
