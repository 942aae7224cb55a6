using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>
/// PodDisruptionBudget arithmetic as the disruption controller does it, and the status it writes.
/// </summary>
/// <remarks>https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets</remarks>
public static class DisruptionBudget
{
    /// <summary>How long an eviction the budget granted keeps its pod out of the healthy count (kube's DeletionTimeout).</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The pods of the namespace the budget selects (an empty selector selects all, a missing one none).</summary>
    public static IReadOnlyList<JsonObject> SelectPods(JsonObject pdb, IReadOnlyList<JsonObject> podsInNamespace)
    {
        ArgumentNullException.ThrowIfNull(pdb);
        ArgumentNullException.ThrowIfNull(podsInNamespace);
        var selector = LabelSelector.FromObject(pdb["spec"]?["selector"]);
        var ns = PodFacts.Namespace(pdb);
        return podsInNamespace.Where(p => PodFacts.Namespace(p) == ns && selector.Matches(p)).ToList();
    }

    /// <summary>
    /// Computes the budget's status. <paramref name="expectedPodsFromControllers"/> is the sum of the scale of the
    /// selected pods' controllers when known (used for percentages and maxUnavailable); otherwise the pod count is.
    /// With <paramref name="now"/>, pods in <c>status.disruptedPods</c> evicted less than two minutes ago are not healthy.
    /// </summary>
    public static PdbStatus Compute(JsonObject pdb, IReadOnlyList<JsonObject> podsInNamespace, int? expectedPodsFromControllers, DateTimeOffset? now = null)
    {
        IReadOnlyList<JsonObject> pods;
        try
        {
            pods = SelectPods(pdb, podsInNamespace);
        }
        catch (SelectorException error)
        {
            return new PdbStatus(0, 0, 0, 0, null, error.Message);
        }

        var disrupted = RecentDisruptions(pdb, pods, now);
        var currentHealthy = pods.Count(p => !PodFacts.IsDeleting(p) && !disrupted.ContainsKey(PodFacts.Name(p) ?? string.Empty) && PodFacts.IsReady(p));
        var spec = pdb["spec"];
        var scale = expectedPodsFromControllers ?? pods.Count;

        int expected, desired;
        try
        {
            // 1. maxUnavailable (int or percent) and a percent minAvailable count against the controllers' scale,
            //    an integer minAvailable against the pods found; both percentages round up.
            if (spec?["maxUnavailable"] is { } maxUnavailable)
            {
                expected = scale;
                desired = Math.Max(0, expected - IntOrPercent.Scaled(maxUnavailable, expected, roundUp: true));
            }
            else if (spec?["minAvailable"] is { } minAvailable)
            {
                expected = IntOrPercent.IsInt(minAvailable) ? pods.Count : scale;
                desired = IntOrPercent.Scaled(minAvailable, expected, roundUp: true);
            }
            else
            {
                (expected, desired) = (0, 0);
            }
        }
        catch (FormatException error)
        {
            return new PdbStatus(0, currentHealthy, 0, 0, disrupted, error.Message);
        }

        // 2. No expected pods or not enough healthy ones: nothing may be disrupted.
        var allowed = expected <= 0 ? 0 : Math.Max(0, currentHealthy - desired);
        return new PdbStatus(expected, currentHealthy, desired, allowed, disrupted);
    }

    /// <summary>
    /// The <c>status</c> object to store on the budget: the numbers, observedGeneration and the DisruptionAllowed
    /// condition, keeping the condition's lastTransitionTime while its status does not change.
    /// </summary>
    public static JsonObject Status(JsonObject pdb, PdbStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pdb);
        ArgumentNullException.ThrowIfNull(status);
        var generation = PodFacts.Generation(pdb);
        var result = new JsonObject { ["observedGeneration"] = generation };
        if (status.DisruptedPods is { Count: > 0 } disrupted)
        {
            result["disruptedPods"] = new JsonObject(disrupted.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)PodFacts.Format(p.Value))));
        }

        result["disruptionsAllowed"] = status.DisruptionsAllowed;
        result["currentHealthy"] = status.CurrentHealthy;
        result["desiredHealthy"] = status.DesiredHealthy;
        result["expectedPods"] = status.ExpectedPods;
        var (conditionStatus, reason, message) = status switch
        {
            { SyncError: { } error } => ("False", "SyncFailed", error),
            { DisruptionsAllowed: > 0 } => ("True", "SufficientPods", string.Empty),
            _ => ("False", "InsufficientPods", string.Empty),
        };
        result["conditions"] = new JsonArray(Condition(pdb, conditionStatus, reason, message, generation, now));
        return result;
    }

    internal static JsonObject Condition(JsonObject pdb, string status, string reason, string message, long generation, DateTimeOffset now)
    {
        var previous = (pdb["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => PodFacts.Text(c?["type"]) == "DisruptionAllowed");
        var since = PodFacts.Text(previous?["status"]) == status ? PodFacts.Text(previous?["lastTransitionTime"]) : null;
        return new JsonObject
        {
            ["type"] = "DisruptionAllowed",
            ["status"] = status,
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = since ?? PodFacts.Format(now),
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    /// <summary>Evictions the budget granted whose pods still exist, are not yet deleting and were evicted under two minutes ago.</summary>
    private static Dictionary<string, DateTimeOffset> RecentDisruptions(JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset? now)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (now is not { } at || pdb["status"]?["disruptedPods"] is not JsonObject disruptedPods)
        {
            return result;
        }

        foreach (var (name, value) in disruptedPods)
        {
            var pod = pods.FirstOrDefault(p => PodFacts.Name(p) == name);
            if (pod is not null && !PodFacts.IsDeleting(pod) && PodFacts.Time(value) is { } evictedAt && evictedAt + DeletionTimeout > at)
            {
                result[name] = evictedAt;
            }
        }

        return result;
    }
}
