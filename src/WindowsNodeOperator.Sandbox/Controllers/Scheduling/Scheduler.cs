using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Scheduling;

/// <summary>
/// Binds Pending pods to the fitting node with the fewest pods; a pod no node fits stays Pending with
/// PodScheduled False, reason Unschedulable and kube-scheduler's "0/N nodes are available" message.
/// </summary>
internal sealed class Scheduler(ISandboxStore store, TimeProvider time, EventWriter events) : ISandboxController
{
    public string Name => "scheduler";

    public int Reconcile()
    {
        var nodes = store.List(KubeApi.Core, KubeApi.Nodes).OrderBy(Meta.Name, StringComparer.Ordinal).ToList();
        var pods = store.List(KubeApi.Core, KubeApi.Pods);
        // A pod still Terminating holds its place (and its address) on the node until it is gone.
        var load = pods.Where(p => PodState.NodeName(p) is not null && PodState.Phase(p) is not ("Succeeded" or "Failed"))
            .GroupBy(p => PodState.NodeName(p)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var pending = pods
            .Where(p => PodState.NodeName(p) is null && !Meta.IsDeleting(p) && PodState.Phase(p) == "Pending" && IsOurs(p))
            .OrderBy(PodState.Created).ThenBy(Meta.Name, StringComparer.Ordinal);

        var writes = 0;
        foreach (var pod in pending)
        {
            var verdicts = nodes.Select(n => (Node: n, Reason: NodeFit.Check(pod, n, load.GetValueOrDefault(Meta.Name(n))))).ToList();
            var best = verdicts.Where(v => v.Reason is null)
                .OrderBy(v => load.GetValueOrDefault(Meta.Name(v.Node)))
                .ThenBy(v => Meta.Name(v.Node), StringComparer.Ordinal)
                .Select(v => v.Node)
                .FirstOrDefault();
            if (best is not null)
            {
                Bind(pod, Meta.Name(best));
                load[Meta.Name(best)] = load.GetValueOrDefault(Meta.Name(best)) + 1;
                writes += 2;
            }
            else if (MarkUnschedulable(pod, Message(verdicts.Select(v => v.Reason!).ToList())))
            {
                writes++;
            }
        }

        return writes;
    }

    private static bool IsOurs(JsonObject pod) => Meta.Str(pod["spec"], "schedulerName") is null or "default-scheduler";

    private void Bind(JsonObject pod, string nodeName)
    {
        // The binding subresource sets spec.nodeName and the PodScheduled condition; the sandbox has none, so two writes.
        var ns = Meta.Namespace(pod);
        var name = Meta.Name(pod);
        store.Patch(KubeApi.Core, KubeApi.Pods, ns, name, SandboxPatchType.Merge, new JsonObject { ["spec"] = new JsonObject { ["nodeName"] = nodeName } });
        var scheduled = Conditions.Make(pod, "PodScheduled", "True", time.GetUtcNow());
        store.Patch(KubeApi.Core, KubeApi.Pods, ns, name, SandboxPatchType.Merge,
            new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions.With(pod, scheduled) } }, KubeApi.Status);
        events.Normal("default-scheduler", pod, "Scheduled", $"Successfully assigned {ns}/{name} to {nodeName}");
    }

    private bool MarkUnschedulable(JsonObject pod, string message)
    {
        var previous = Conditions.Find(pod, "PodScheduled");
        if (previous is not null && Meta.Str(previous, "status") == "False" && Meta.Str(previous, "message") == message)
        {
            return false;
        }

        var condition = Conditions.Make(pod, "PodScheduled", "False", time.GetUtcNow(), "Unschedulable", message);
        store.Patch(KubeApi.Core, KubeApi.Pods, Meta.Namespace(pod), Meta.Name(pod), SandboxPatchType.Merge,
            new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions.With(pod, condition) } }, KubeApi.Status);
        events.Warning("default-scheduler", pod, "FailedScheduling", message);
        return true;
    }

    /// <summary>"0/16 nodes are available: 2 node(s) didn't match ..., 14 node(s) were unschedulable. preemption: ..."</summary>
    internal static string Message(IReadOnlyList<string> reasons)
    {
        var counts = reasons.GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))
            .Order(StringComparer.Ordinal);
        var total = reasons.Count;
        var summary = total == 0 ? "no nodes available to schedule pods" : string.Join(", ", counts);
        return string.Create(CultureInfo.InvariantCulture,
            $"0/{total} nodes are available: {summary}. preemption: 0/{total} nodes are available: {total} Preemption is not helpful for scheduling.");
    }
}
