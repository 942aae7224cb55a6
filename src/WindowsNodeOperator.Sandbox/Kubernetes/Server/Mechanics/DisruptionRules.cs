using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to PodDisruptionBudget arithmetic and eviction decisions.</summary>
internal static class DisruptionRules
{
    public static JsonObject ComputeStatus(JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now, int? expectedPodsFromControllers = null) =>
        DisruptionBudget.Status(pdb, DisruptionBudget.Compute(pdb, pods, expectedPodsFromControllers, now), now);

    public static JsonObject ChargedStatus(JsonObject pdb, string podName, DateTimeOffset now) =>
        Eviction.DecrementBudget(pdb, podName, now);

    public static EvictionVerdict Decide(JsonObject pod, IReadOnlyList<JsonObject> budgets, IReadOnlyList<JsonObject> pods)
    {
        var decision = Eviction.Decide(pod, budgets, pods);
        if (decision.Allowed)
        {
            return new EvictionVerdict(true, decision.DecrementBudget ? decision.PdbName : null, null);
        }

        var status = decision.ToStatus();
        var refusal = new SandboxApiException(decision.StatusCode, decision.Reason ?? "TooManyRequests", decision.Message ?? "", status["details"] as JsonObject);
        return new EvictionVerdict(false, decision.PdbName, refusal);
    }
}
