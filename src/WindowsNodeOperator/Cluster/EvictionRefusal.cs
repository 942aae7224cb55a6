using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Cluster;

/// <summary>
/// Reads the eviction subresource's refusals. kube-apiserver names the budget only in prose: a cause of reason
/// <c>DisruptionBudget</c> saying "The disruption budget NAME needs ..." or "... NAME is still being processed ..."
/// (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works).
/// Not every 429 is a budget: API priority and fairness throttles any request with a 429 "Too many requests" and a
/// Retry-After (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/); that is a failed call to try
/// again, not a budget blocking the drain.
/// </summary>
internal static partial class EvictionRefusal
{
    public static EvictionResult ToResult(ApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode switch
        {
            404 => EvictionResult.Gone,
            429 when IsBudgetRefusal(failure) => EvictionResult.Blocked(BudgetName(failure), failure.Message),
            _ => EvictionResult.Error(failure.StatusCode, failure.Message),
        };
    }

    /// <summary>A 429 from the eviction subresource's budget check: a DisruptionBudget cause, or a budget in the message or details.</summary>
    public static bool IsBudgetRefusal(ApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode == 429
            && (failure.Causes.Any(c => c.Reason == "DisruptionBudget")
                || failure.Message?.Contains("disruption budget", StringComparison.OrdinalIgnoreCase) == true
                || failure.Details?["kind"]?.ToString() == "poddisruptionbudget");
    }

    public static string? BudgetName(ApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        foreach (var (reason, message) in failure.Causes)
        {
            if (reason == "DisruptionBudget" && message is not null && NamedBudget().Match(message) is { Success: true } match)
            {
                return match.Groups["name"].Value;
            }
        }

        if (failure.Message is not null && NamedBudget().Match(failure.Message) is { Success: true } inMessage)
        {
            return inMessage.Groups["name"].Value;
        }

        return failure.Details?["kind"]?.ToString() == "poddisruptionbudget" ? failure.Details["name"]?.ToString() : null;
    }

    [GeneratedRegex(@"disruption budget (?<name>[a-z0-9]([-a-z0-9.]*[a-z0-9])?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedBudget();
}
