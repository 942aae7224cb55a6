namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// The kubelets that stopped posting while their instances run on, by node name, with when they stopped. Their
/// heartbeats stop, their pods are started no more, and the node lifecycle controller marks the node unreachable
/// once the node monitor grace period has passed. Used under the controllers' lock.
/// </summary>
internal sealed class KubeletOutages
{
    private readonly Dictionary<string, DateTimeOffset> _stopped = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DateTimeOffset> Stopped => _stopped;

    /// <summary>Stops the node's kubelet at <paramref name="at"/>; false when it had already stopped.</summary>
    public bool Stop(string node, DateTimeOffset at) => _stopped.TryAdd(node, at);

    public bool IsStopped(string node) => _stopped.ContainsKey(node);

    /// <summary>The node is gone: nothing of it is left to stop.</summary>
    public void Forget(string node) => _stopped.Remove(node);
}
