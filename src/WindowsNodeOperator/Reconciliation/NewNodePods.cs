using k8s.Models;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Reads, for each refresh of the operator's that rolls forward, the pods bound to its new nodes (instances of its AMI)
/// that are not Ready, for the planner to judge against refresh.podReadyTimeout (<see cref="NewNodeWorkloads"/>). Which
/// pods come from the pods themselves (node, Ready condition); how long each has waited is counted by this process from
/// its first look (<see cref="PodWaitClock"/>), so neither a skew nor a step of the wall clock makes a fresh pod overdue.
/// Pods are not cached: only the new nodes' are read (field selector <c>spec.nodeName</c>), and only while such a
/// refresh runs.
/// </summary>
internal sealed class NewNodePods(IPodClient pods, PodWaitClock clock, TimeProvider time)
{
    public async Task<Gathered> ReadAsync(Gathered gathered, CancellationToken ct)
    {
        var snapshot = gathered.Snapshot;
        if (NewNodeWorkloads.Timeout(snapshot.Policy.Spec.Refresh) is null
            || !snapshot.Groups.Any(g => Verifiable(g.ActiveRefresh) is not null))
        {
            return gathered;
        }

        var groups = new List<GroupFacts>(snapshot.Groups.Count);
        foreach (var group in snapshot.Groups)
        {
            if (Verifiable(group.ActiveRefresh) is not { TargetImageId: { } image } refresh)
            {
                groups.Add(group);
                continue;
            }

            // 1. The new nodes: the group's instances of the refresh's AMI, not leaving, whose Node has joined.
            var unready = new List<UnreadyPod>();
            var newInstances = snapshot.Instances.Where(i => i.Group == group.Name && i.ImageId == image
                && !i.LifecycleState.StartsWith(LifecycleStates.Terminating, StringComparison.Ordinal));
            foreach (var instance in newInstances)
            {
                if (gathered.NodeOfInstance(instance.Id)?.Metadata?.Name is not { } node)
                {
                    continue;
                }

                // 2. Their pods that are not Ready; DaemonSet pods are the launch gate's, finished and deleted pods nobody's.
                foreach (var pod in await pods.ListPodObjectsOnNodeAsync(node, ct).ConfigureAwait(false))
                {
                    if (Unready(pod, node) is { } stuck)
                    {
                        unready.Add(stuck);
                    }
                }
            }

            groups.Add(group with { ActiveRefresh = refresh with { UnreadyPods = unready } });
        }

        return gathered with { Snapshot = snapshot with { Groups = groups } };
    }

    private static ActiveRefreshFacts? Verifiable(ActiveRefreshFacts? refresh) =>
        refresh is { StartedByOperator: true, TargetImageId: not null } && RefreshStatuses.IsCancellable(refresh.Status) ? refresh : null;

    private UnreadyPod? Unready(V1Pod pod, string node)
    {
        if (pod.Metadata?.DeletionTimestamp is not null || NodeReading.IsDaemonSetPod(pod) || NodeReading.IsReady(pod)
            || pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return null;
        }

        // Waited since this process first saw it not Ready, on the monotonic clock; BoundAt is that, on the wall clock now.
        var boundAt = time.GetUtcNow() - clock.Waited(pod.Metadata?.Uid ?? $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}");
        var waiting = pod.Status?.ContainerStatuses?.Select(c => c.State?.Waiting?.Reason).FirstOrDefault(r => r is not null);
        return new UnreadyPod(
            pod.Metadata?.NamespaceProperty ?? string.Empty,
            pod.Metadata?.Name ?? string.Empty,
            node,
            boundAt,
            waiting);
    }
}
