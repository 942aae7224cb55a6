using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>The node facts scheduling and the kubelet decide on.</summary>
internal static class NodeState
{
    public static bool IsReady(JsonObject node) => Conditions.Status(node, "Ready") == "True";

    public static bool IsUnschedulable(JsonObject node) =>
        node["spec"]?["unschedulable"] is JsonValue v && v.TryGetValue<bool>(out var unschedulable) && unschedulable;

    public static bool IsWindows(JsonObject node) => Meta.Labels(node).GetValueOrDefault("kubernetes.io/os") == "windows";

    public static string? ProviderId(JsonObject node) => Meta.Str(node["spec"], "providerID");

    public static string? InternalIp(JsonObject node) =>
        (node["status"]?["addresses"] as JsonArray)?.OfType<JsonObject>()
            .Where(a => Meta.Str(a, "type") == "InternalIP").Select(a => Meta.Str(a, "address")).FirstOrDefault();

    public static IReadOnlyList<JsonObject> Taints(JsonObject node) =>
        (node["spec"]?["taints"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>status.allocatable.pods, or no limit when the node does not say.</summary>
    public static int MaxPods(JsonObject node) =>
        int.TryParse(Meta.Str(node["status"]?["allocatable"], "pods"), NumberStyles.None, CultureInfo.InvariantCulture, out var pods) ? pods : int.MaxValue;
}
