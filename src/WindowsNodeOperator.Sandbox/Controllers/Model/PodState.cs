using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Disruption;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>The pod facts the controllers decide on.</summary>
internal static class PodState
{
    public static string? NodeName(JsonObject pod) => Meta.Str(pod["spec"], "nodeName") is { Length: > 0 } name ? name : null;

    public static string Phase(JsonObject pod) => Meta.Str(pod["status"], "phase") ?? "Pending";

    /// <summary>Not being deleted and not finished: counts toward a controller's replicas.</summary>
    public static bool IsActive(JsonObject pod) => !Meta.IsDeleting(pod) && Phase(pod) is not ("Succeeded" or "Failed");

    public static bool IsReady(JsonObject pod) => PodFacts.IsReady(pod);

    public static bool IsRunningAndReady(JsonObject pod) => Phase(pod) == "Running" && IsReady(pod);

    public static DateTimeOffset Created(JsonObject pod) =>
        PodFacts.Time(pod["metadata"]?["creationTimestamp"]) ?? DateTimeOffset.MinValue;
}
