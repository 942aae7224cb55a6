using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Workloads;

/// <summary>
/// Keeps pods NAME-0 .. NAME-(replicas-1) per StatefulSet, a lost pod recreated under its own name. With the
/// default OrderedReady policy an ordinal is created only once every lower one runs Ready, and scale-down
/// removes the highest ordinal first, one at a time
/// (https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees).
/// </summary>
internal sealed class StatefulSetController(ISandboxStore store, EventWriter events) : ISandboxController
{
    public string Name => "statefulset-controller";

    public int Reconcile()
    {
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        var writes = 0;
        foreach (var sts in store.List(KubeApi.Apps, KubeApi.StatefulSets).Where(s => !Meta.IsDeleting(s)))
        {
            var ns = Meta.Namespace(sts);
            var name = Meta.Name(sts);
            var ordered = Meta.Str(sts["spec"], "podManagementPolicy") != "Parallel";
            var byName = pods.Where(p => Meta.Namespace(p) == ns).ToDictionary(Meta.Name, StringComparer.Ordinal);
            var replicas = PodTemplates.Replicas(sts);

            // 1. Ordinals below replicas: create what is missing (a pod still deleting holds its name).
            for (var ordinal = 0; ordinal < replicas; ordinal++)
            {
                var podName = PodName(name, ordinal);
                if (!byName.TryGetValue(podName, out var pod))
                {
                    store.Create(NewPod(sts, podName, ordinal));
                    events.Normal(Name, sts, "SuccessfulCreate", $"create Pod {podName} in StatefulSet {name} successful");
                    writes++;
                    if (ordered)
                    {
                        break;
                    }
                }
                else if (ordered && !PodState.IsRunningAndReady(pod))
                {
                    break;
                }
            }

            // 2. Ordinals at or above replicas: remove, highest first.
            var owned = pods.Where(p => Meta.Namespace(p) == ns && Owners.IsControlledBy(p, sts, "StatefulSet")).ToList();
            var surplus = owned.Where(p => !Meta.IsDeleting(p) && Ordinal(name, p) >= replicas).OrderByDescending(p => Ordinal(name, p)).ToList();
            foreach (var pod in ordered ? surplus.Take(1) : surplus)
            {
                store.Delete(KubeApi.Core, KubeApi.Pods, ns, Meta.Name(pod));
                events.Normal(Name, sts, "SuccessfulDelete", $"delete Pod {Meta.Name(pod)} in StatefulSet {name} successful");
                writes++;
            }

            var active = owned.Where(PodState.IsActive).ToList();
            var ready = active.Count(PodState.IsReady);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["replicas"] = active.Count,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["currentReplicas"] = active.Count,
                ["updatedReplicas"] = active.Count,
            };
            writes += StatusCounts.Write(store, KubeApi.StatefulSets, sts, counts) ? 1 : 0;
        }

        return writes;
    }

    private static string PodName(string set, int ordinal) => string.Create(CultureInfo.InvariantCulture, $"{set}-{ordinal}");

    private static int Ordinal(string set, JsonObject pod) =>
        Meta.Name(pod) is var name && name.StartsWith(set + "-", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(set.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1;

    private static JsonObject NewPod(JsonObject sts, string podName, int ordinal)
    {
        var pod = PodTemplates.NewPod(sts, podName);
        var labels = (JsonObject)pod["metadata"]!["labels"]!;
        labels["statefulset.kubernetes.io/pod-name"] = podName;
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        var spec = (JsonObject)pod["spec"]!;
        spec["hostname"] = podName;
        if (Meta.Str(sts["spec"], "serviceName") is { Length: > 0 } service)
        {
            spec["subdomain"] = service;
        }

        return pod;
    }
}
