using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to PodDisruptionBudget arithmetic and eviction decisions.</summary>
internal static class Disruption
{
    public static JsonObject ComputeStatus(JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var selected = pods.Where(p => Selects(pdb, p)).ToList();
        var expected = selected.Count;
        var healthy = selected.Count(IsHealthy);
        var spec = pdb["spec"] as JsonObject;
        int desired;
        if (spec?["minAvailable"] is { } min)
        {
            desired = Scaled(min, expected);
        }
        else if (spec?["maxUnavailable"] is { } max)
        {
            desired = Math.Max(0, expected - Scaled(max, expected));
        }
        else
        {
            desired = expected;
        }

        var allowed = Math.Max(0, healthy - desired);
        return new JsonObject
        {
            ["observedGeneration"] = pdb["metadata"]?["generation"]?.DeepClone() ?? 1,
            ["disruptionsAllowed"] = allowed,
            ["currentHealthy"] = healthy,
            ["desiredHealthy"] = desired,
            ["expectedPods"] = expected,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = allowed > 0 ? "True" : "False",
                ["reason"] = allowed > 0 ? "SufficientPods" : "InsufficientPods",
                ["message"] = "",
                ["observedGeneration"] = pdb["metadata"]?["generation"]?.DeepClone() ?? 1,
                ["lastTransitionTime"] = Meta.Time(now),
            }),
        };
    }

    public static EvictionVerdict Decide(JsonObject pod, IReadOnlyList<JsonObject> budgets, IReadOnlyList<JsonObject> pods)
    {
        var phase = Meta.Str(pod["status"], "phase");
        if (phase is "Succeeded" or "Failed" or "Pending" || Meta.IsDeleting(pod))
        {
            return new EvictionVerdict(true, null, null);
        }

        var matching = budgets.Where(b => Selects(b, pod)).ToList();
        if (matching.Count == 0)
        {
            return new EvictionVerdict(true, null, null);
        }

        if (matching.Count > 1)
        {
            return new EvictionVerdict(false, null, new SandboxApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."));
        }

        var pdb = matching[0];
        var allowed = pdb["status"]?["disruptionsAllowed"]?.GetValue<int>() ?? 0;
        if (allowed > 0)
        {
            return new EvictionVerdict(true, Meta.Name(pdb), null);
        }

        var desired = pdb["status"]?["desiredHealthy"]?.GetValue<int>() ?? 0;
        var current = pdb["status"]?["currentHealthy"]?.GetValue<int>() ?? 0;
        var details = new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "DisruptionBudget",
                ["message"] = $"The disruption budget {Meta.Name(pdb)} needs {desired} healthy pods and has {current} currently",
            }),
        };
        return new EvictionVerdict(false, Meta.Name(pdb), new SandboxApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", details));
    }

    private static bool Selects(JsonObject pdb, JsonObject pod)
    {
        if (pdb["spec"]?["selector"] is not JsonObject selector)
        {
            return false;
        }

        var labels = Meta.Labels(pod);
        if (selector["matchLabels"] is JsonObject matchLabels
            && matchLabels.Any(kv => !labels.TryGetValue(kv.Key, out var v) || v != kv.Value?.GetValue<string>()))
        {
            return false;
        }

        return true;
    }

    private static bool IsHealthy(JsonObject pod) =>
        !Meta.IsDeleting(pod)
        && pod["status"]?["conditions"] is JsonArray conditions
        && conditions.OfType<JsonObject>().Any(c => Meta.Str(c, "type") == "Ready" && Meta.Str(c, "status") == "True");

    private static int Scaled(JsonNode value, int total)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.EndsWith('%'))
        {
            var percent = int.Parse(text[..^1], CultureInfo.InvariantCulture);
            return (int)Math.Ceiling(percent * total / 100.0);
        }

        return value.GetValue<int>();
    }
}
