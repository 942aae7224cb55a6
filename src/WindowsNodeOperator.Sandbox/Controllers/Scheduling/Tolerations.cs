using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Controllers.Scheduling;

/// <summary>
/// Taint and toleration matching as the scheduler's TaintToleration filter does it
/// (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/).
/// </summary>
internal static class Tolerations
{
    public static IReadOnlyList<JsonObject> Of(JsonNode? podSpec) =>
        (podSpec?["tolerations"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>The first NoSchedule or NoExecute taint (only NoExecute with <paramref name="executeOnly"/>) none of the tolerations tolerates, or null.</summary>
    public static JsonObject? FirstUntolerated(IReadOnlyList<JsonObject> taints, IReadOnlyList<JsonObject> tolerations, bool executeOnly = false) =>
        taints.FirstOrDefault(t => Meta.Str(t, "effect") is var effect
            && (effect == "NoExecute" || (!executeOnly && effect == "NoSchedule"))
            && !tolerations.Any(o => Tolerates(o, t)));

    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        var effect = Meta.Str(toleration, "effect");
        if (!string.IsNullOrEmpty(effect) && effect != Meta.Str(taint, "effect"))
        {
            return false;
        }

        var key = Meta.Str(toleration, "key");
        if (Meta.Str(toleration, "operator") == "Exists")
        {
            return string.IsNullOrEmpty(key) || key == Meta.Str(taint, "key");
        }

        return key == Meta.Str(taint, "key") && (Meta.Str(toleration, "value") ?? "") == (Meta.Str(taint, "value") ?? "");
    }

    /// <summary>How the scheduler names a taint in its messages: <c>{key: value}</c>.</summary>
    public static string Describe(JsonObject taint) => $"{{{Meta.Str(taint, "key")}: {Meta.Str(taint, "value")}}}";
}
