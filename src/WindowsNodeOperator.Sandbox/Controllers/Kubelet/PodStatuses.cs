using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Controllers.Model;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>The pod status a kubelet reports while images pull and once containers run.</summary>
internal static class PodStatuses
{
    /// <summary>Admitted on the node, containers being created: Pending, Initialized, not Ready.</summary>
    public static JsonObject Starting(JsonObject pod, string? hostIp, DateTimeOffset now)
    {
        var notReady = $"containers with unready status: [{string.Join(' ', ContainerNames(pod))}]";
        return new JsonObject
        {
            ["phase"] = "Pending",
            ["hostIP"] = hostIp,
            ["startTime"] = Meta.Time(now),
            ["qosClass"] = Meta.Str(pod["status"], "qosClass") ?? "Burstable",
            ["conditions"] = Conditions.With(
                pod,
                Conditions.Make(pod, "PodScheduled", "True", now),
                Conditions.Make(pod, "Initialized", "True", now),
                Conditions.Make(pod, "ContainersReady", "False", now, "ContainersNotReady", notReady),
                Conditions.Make(pod, "Ready", "False", now, "ContainersNotReady", notReady)),
            ["containerStatuses"] = ContainerStatuses(pod, running: false, now),
        };
    }

    /// <summary>Images pulled, containers started: Running and Ready with a pod IP.</summary>
    public static JsonObject Running(JsonObject pod, string podIp, DateTimeOffset now) => new()
    {
        ["phase"] = "Running",
        ["podIP"] = podIp,
        ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
        ["conditions"] = Conditions.With(
            pod,
            Conditions.Make(pod, "PodScheduled", "True", now),
            Conditions.Make(pod, "Initialized", "True", now),
            Conditions.Make(pod, "ContainersReady", "True", now),
            Conditions.Make(pod, "Ready", "True", now)),
        ["containerStatuses"] = ContainerStatuses(pod, running: true, now),
    };

    private static IEnumerable<string> ContainerNames(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().Select(c => Meta.Str(c, "name") ?? "") ?? [];

    private static JsonArray ContainerStatuses(JsonObject pod, bool running, DateTimeOffset now)
    {
        var statuses = new JsonArray();
        foreach (var container in (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            statuses.Add(new JsonObject
            {
                ["name"] = Meta.Str(container, "name"),
                ["image"] = Meta.Str(container, "image"),
                ["imageID"] = string.Empty,
                ["ready"] = running,
                ["started"] = running,
                ["restartCount"] = 0,
                ["state"] = running
                    ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Meta.Time(now) } }
                    : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            });
        }

        return statuses;
    }
}
