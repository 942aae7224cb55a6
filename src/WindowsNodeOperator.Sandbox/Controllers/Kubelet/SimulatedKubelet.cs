using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// Every Ready node's kubelet at once: a pod bound to the node reports ContainerCreating at once and turns
/// Running and Ready after the start delay of the node's OS (Windows images pull slowly). A node that is not
/// Ready, or whose kubelet stopped, has no kubelet posting status, so its pods stay as they are. On a Windows node, a container whose image
/// is built for another Windows build (its tag: <c>ltsc2019</c>, <c>ltsc2022</c>) never starts: the host refuses it
/// ("The container operating system does not match the host operating system"), so the pod stays ContainerCreating.
/// On a node whose AMI has a broken pod sandbox image (<see cref="PodSandboxFaults"/>) no pod starts at all.
/// </summary>
internal sealed class SimulatedKubelet(
    ISandboxStore store, TimeProvider time, SandboxControllerOptions options, EventWriter events, KubeletOutages outages, PodSandboxFaults sandboxFaults) : ISandboxController
{
    // When each admitted pod (by uid) finishes starting.
    private readonly Dictionary<string, DateTimeOffset> _startsAt = new(StringComparer.Ordinal);

    public string Name => "kubelet";

    // Pods (by uid) whose image the node's Windows build cannot run: refused once, never started.
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    public DateTimeOffset? NextDue => _startsAt.Count == 0 ? null : _startsAt.Values.Min();

    public int Reconcile()
    {
        var now = time.GetUtcNow();
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).ToDictionary(Meta.Name, StringComparer.Ordinal);
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        var addresses = new PodAddresses(pods);
        var starting = new HashSet<string>(StringComparer.Ordinal);
        var writes = 0;
        foreach (var pod in pods.Where(p => PodState.NodeName(p) is not null && !Meta.IsDeleting(p) && PodState.Phase(p) == "Pending"))
        {
            var uid = Meta.Uid(pod) ?? Meta.Name(pod);
            starting.Add(uid);
            if (!nodes.TryGetValue(PodState.NodeName(pod)!, out var node) || !NodeState.IsReady(node) || outages.IsStopped(Meta.Name(node)))
            {
                continue;
            }

            if (_refused.Contains(uid))
            {
                continue;
            }

            // 1. First sight of the pod: admit it and start pulling images.
            if (!_startsAt.TryGetValue(uid, out var startsAt))
            {
                // Process isolation shares the host's kernel: an image of another build fails to create its container
                // (https://github.com/kubernetes/kubernetes/issues/74019, https://github.com/MicrosoftDocs/Virtualization-Documentation/issues/765).
                if ((Mismatch(pod, node) ?? sandboxFaults.Failure(Meta.Name(node))) is { } mismatch)
                {
                    _refused.Add(uid);
                    pod["status"] = PodStatuses.Starting(pod, NodeState.InternalIp(node), now);
                    WriteStatus(pod);
                    events.Warning(Name, pod, "FailedCreatePodSandBox", mismatch);
                    writes++;
                    continue;
                }

                startsAt = now + (NodeState.IsWindows(node) ? options.WindowsPodStartDelay : options.LinuxPodStartDelay);
                _startsAt[uid] = startsAt;
                pod["status"] = PodStatuses.Starting(pod, NodeState.InternalIp(node), now);
                WriteStatus(pod);
                events.Normal(Name, pod, "Pulling", $"Pulling image \"{Meta.Str(pod["spec"]?["containers"]?[0], "image")}\"");
                writes++;
            }

            // 2. Images pulled: the containers run and pass readiness.
            if (now >= startsAt)
            {
                WriteStatus(pod, PodStatuses.Running(pod, addresses.Next(node), now));
                _startsAt.Remove(uid);
                events.Normal(Name, pod, "Started", $"Started container {Meta.Str(pod["spec"]?["containers"]?[0], "name")}");
                writes++;
            }
        }

        foreach (var gone in _startsAt.Keys.Where(k => !starting.Contains(k)).ToList())
        {
            _startsAt.Remove(gone);
        }

        _refused.IntersectWith(starting);

        return writes;
    }

    private static string? Mismatch(JsonObject pod, JsonObject node)
    {
        if (!NodeState.IsWindows(node) || Meta.Labels(node).GetValueOrDefault(WindowsBuilds.Label) is not { } host)
        {
            return null;
        }

        foreach (var container in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var image = Meta.Str(container, "image");
            if (WindowsBuilds.OfContainerImage(image) is { } build && !WindowsBuilds.Runs(host, build))
            {
                return $"Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: "
                    + $"hcs::CreateComputeSystem {Meta.Str(container, "name")}: The container operating system does not match the host operating system. "
                    + $"(image {image} is built for {build}, the host runs {host})";
            }
        }

        return null;
    }

    private void WriteStatus(JsonObject pod, JsonObject? status = null) =>
        store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
            new JsonObject { ["status"] = (status ?? pod["status"]!).DeepClone() }, KubeApi.Status);
}
