using System.Collections.Concurrent;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// Nodes booted from an AMI whose pod sandbox (pause) image is broken, by node name. Such a node registers and is Ready,
/// since kubelet and containerd run, but containerd cannot create any pod's sandbox: kubelet reports
/// <c>FailedCreatePodSandBox</c> and the pod stays ContainerCreating
/// (https://github.com/awslabs/amazon-eks-ami/issues/1632 on EKS Windows, https://github.com/awslabs/amazon-eks-ami/issues/1740).
/// The AMIs are named in <see cref="FleetOptions.BrokenPodSandboxImages"/>. Noted under the controllers' lock;
/// read from any thread, so an observer holding the store's lock may ask too.
/// </summary>
internal sealed class PodSandboxFaults(FleetOptions fleet)
{
    /// <summary>The sandbox image the EKS Windows AMIs configure containerd with.</summary>
    public const string PauseImage = "amazonaws.com/eks/pause-windows:latest";

    private readonly HashSet<string> _brokenImages = new(fleet.BrokenPodSandboxImages, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _brokenNodes = new(StringComparer.Ordinal);

    /// <summary>Notes a booted instance; its node is broken when its AMI is one of the fleet's broken ones.</summary>
    public void Booted(SimulatedInstance instance)
    {
        if (instance.ImageName is { } image && _brokenImages.Contains(image))
        {
            _brokenNodes[instance.NodeName] = true;
        }
    }

    public bool IsBroken(string node) => _brokenNodes.ContainsKey(node);

    /// <summary>The message kubelet's FailedCreatePodSandBox warning carries on a broken node; null on a sound one.</summary>
    public string? Failure(string node) => IsBroken(node)
        ? $"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox image \"{PauseImage}\": "
            + $"failed to pull image \"{PauseImage}\": failed to pull and unpack image \"{PauseImage}\": failed to resolve reference "
            + $"\"{PauseImage}\": failed to do request: Head \"https://amazonaws.com/v2/eks/pause-windows/manifests/latest\": "
            + "dial tcp: connectex: No connection could be made because the target machine actively refused it."
        : null;
}
