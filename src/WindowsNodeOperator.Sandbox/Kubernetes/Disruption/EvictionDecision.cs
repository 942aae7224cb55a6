using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Disruption;

/// <summary>
/// What the eviction subresource answers: allowed (delete the pod; when <see cref="DecrementBudget"/>, first take one
/// disruption from budget <see cref="PdbName"/>), or refused with an HTTP code, reason and message.
/// </summary>
public sealed record EvictionDecision(
    bool Allowed,
    int StatusCode,
    string? Reason,
    string? Message,
    string? PdbName = null,
    bool DecrementBudget = false,
    IReadOnlyList<EvictionCause>? Causes = null,
    int? RetryAfterSeconds = null)
{
    internal static EvictionDecision Allow(string? pdbName = null, bool decrement = false) =>
        new(true, 201, null, null, pdbName, decrement);

    internal static EvictionDecision Refuse(int code, string reason, string message, string? pdbName, IReadOnlyList<EvictionCause> causes, int? retryAfter = null) =>
        new(false, code, reason, message, pdbName, false, causes, retryAfter);

    /// <summary>The metav1.Status body kube-apiserver sends with this answer.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = Allowed ? "Success" : "Failure",
        };
        if (!Allowed)
        {
            status["message"] = Message;
            status["reason"] = Reason;
            var details = new JsonObject();
            if (PdbName is not null && Reason == "Forbidden")
            {
                details["name"] = PdbName;
                details["group"] = "policy";
                details["kind"] = "poddisruptionbudget";
            }

            if (Causes is { Count: > 0 })
            {
                details["causes"] = new JsonArray(Causes.Select(c =>
                {
                    var cause = new JsonObject();
                    if (c.Reason is not null)
                    {
                        cause["reason"] = c.Reason;
                    }

                    cause["message"] = c.Message;
                    return (JsonNode?)cause;
                }).ToArray());
            }

            if (RetryAfterSeconds is > 0)
            {
                details["retryAfterSeconds"] = RetryAfterSeconds;
            }

            status["details"] = details;
        }

        status["code"] = StatusCode;
        return status;
    }
}
