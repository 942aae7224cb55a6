using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Cluster;

/// <summary>
/// Reads the eviction subresource's refusals. kube-apiserver names the budget only in prose: a cause of reason
/// <c>DisruptionBudget</c> saying "The disruption budget NAME needs ..." or "... NAME is still being processed ..."
/// (https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/#how-api-initiated-eviction-works).
/// </summary>
internal static partial class EvictionRefusal
{
    public static EvictionResult ToResult(ApiFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.StatusCode switch
        {
            404 => EvictionResult.Gone,
            429 => EvictionResult.Blocked(BudgetName(failure), failure.Message),
            _ => EvictionResult.Error(failure.StatusCode, failure.Message),
        };
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
