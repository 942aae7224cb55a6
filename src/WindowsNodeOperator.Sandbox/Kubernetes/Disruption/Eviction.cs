using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>The decision of the pods/eviction subresource, given the budgets of the pod's namespace.</summary>
/// <remarks>https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/</remarks>
public static class Eviction
{
    public const string ViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";
    public const string MultipleBudgetsMessage = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.";
    private const int MaxDisruptedPods = 2000;

    /// <summary>
    /// Decides an eviction as kube-apiserver does, from each budget's stored status. A budget whose status does not
    /// yet reflect its generation is computed from <paramref name="podsInNamespace"/> instead (the sandbox's controller
    /// has no lag to report as "still being processed").
    /// </summary>
    public static EvictionDecision Decide(JsonObject pod, IReadOnlyList<JsonObject> pdbsInNamespace, IReadOnlyList<JsonObject> podsInNamespace)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(pdbsInNamespace);
        ArgumentNullException.ThrowIfNull(podsInNamespace);

        // 1. Terminal, pending or already deleting pods are deleted without consulting any budget.
        if (PodFacts.Phase(pod) is "Succeeded" or "Failed" or "Pending" || PodFacts.IsDeleting(pod))
        {
            return EvictionDecision.Allow();
        }

        // 2. Exactly one budget may cover the pod; none means a plain delete.
        var budgets = pdbsInNamespace.Where(b => Covers(b, pod)).ToList();
        if (budgets.Count > 1)
        {
            var message = $"Internal error occurred: {MultipleBudgetsMessage}";
            return EvictionDecision.Refuse(500, "InternalError", message, null, [new EvictionCause(null, MultipleBudgetsMessage)]);
        }

        if (budgets.Count == 0)
        {
            return EvictionDecision.Allow();
        }

        var pdb = budgets[0];
        var name = PodFacts.Name(pdb);
        var status = CurrentStatus(pdb, podsInNamespace);

        // 3. An unhealthy pod does not count as healthy: it may go when the policy says AlwaysAllow or the budget is
        //    already met, without taking a disruption from it.
        if (!PodFacts.IsReady(pod))
        {
            var policy = PodFacts.Text(pdb["spec"]?["unhealthyPodEvictionPolicy"]);
            if (policy == "AlwaysAllow" || (status.CurrentHealthy >= status.DesiredHealthy && status.DesiredHealthy > 0))
            {
                return EvictionDecision.Allow(name);
            }
        }

        // 4. checkAndDecrement.
        if (status.DisruptionsAllowed < 0)
        {
            return Forbidden(name, "pdb disruptions allowed is negative");
        }

        if ((status.DisruptedPods?.Count ?? 0) > MaxDisruptedPods)
        {
            return Forbidden(name, "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }

        if (status.DisruptionsAllowed == 0)
        {
            var cause = $"The disruption budget {name} needs {status.DesiredHealthy} healthy pods and has {status.CurrentHealthy} currently";
            return EvictionDecision.Refuse(429, "TooManyRequests", ViolationMessage, name, [new EvictionCause("DisruptionBudget", cause)]);
        }

        return EvictionDecision.Allow(name, decrement: true);
    }

    /// <summary>
    /// The status to store on the budget once an eviction it allowed goes ahead: one disruption fewer (the condition
    /// turning False at zero) and the pod recorded in <c>disruptedPods</c> so the controller does not count it meanwhile.
    /// </summary>
    public static JsonObject DecrementBudget(JsonObject pdb, string podName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pdb);
        var status = pdb["status"]?.DeepClone() as JsonObject ?? [];
        var allowed = (PodFacts.Number(status["disruptionsAllowed"]) ?? 0) - 1;
        status["disruptionsAllowed"] = (int)allowed;
        if (allowed == 0)
        {
            var generation = PodFacts.Number(status["observedGeneration"]) ?? PodFacts.Generation(pdb);
            status["conditions"] = new JsonArray(DisruptionBudget.Condition(pdb, "False", "InsufficientPods", string.Empty, generation, now));
        }

        var disrupted = status["disruptedPods"] as JsonObject ?? [];
        disrupted[podName] = PodFacts.Format(now);
        status["disruptedPods"] = disrupted;
        return status;
    }

    private static bool Covers(JsonObject pdb, JsonObject pod)
    {
        if (PodFacts.Namespace(pdb) != PodFacts.Namespace(pod))
        {
            return false;
        }

        try
        {
            return LabelSelector.FromObject(pdb["spec"]?["selector"]).Matches(pod);
        }
        catch (SelectorException)
        {
            // A budget with an invalid selector matches no pod.
            return false;
        }
    }

    private static PdbStatus CurrentStatus(JsonObject pdb, IReadOnlyList<JsonObject> pods)
    {
        var stored = pdb["status"];
        var observed = PodFacts.Number(stored?["observedGeneration"]);
        if (stored is null || observed is null || observed < PodFacts.Generation(pdb))
        {
            return DisruptionBudget.Compute(pdb, pods, expectedPodsFromControllers: null);
        }

        var disrupted = (stored["disruptedPods"] as JsonObject)?
            .ToDictionary(p => p.Key, p => PodFacts.Time(p.Value) ?? DateTimeOffset.MinValue, StringComparer.Ordinal);
        return new PdbStatus(
            (int)(PodFacts.Number(stored["expectedPods"]) ?? 0),
            (int)(PodFacts.Number(stored["currentHealthy"]) ?? 0),
            (int)(PodFacts.Number(stored["desiredHealthy"]) ?? 0),
            (int)(PodFacts.Number(stored["disruptionsAllowed"]) ?? 0),
            disrupted);
    }

    private static EvictionDecision Forbidden(string? name, string detail) =>
        EvictionDecision.Refuse(403, "Forbidden", $"poddisruptionbudget.policy \"{name}\" is forbidden: {detail}", name, [], null);
}
