using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Cluster;

namespace WindowsNodeOperator.Draining;

internal static partial class DrainerLog
{
    [LoggerMessage(1, LogLevel.Information, "Node {Node} cordon: {Result}")]
    public static partial void Cordoned(ILogger logger, string node, CordonResult result);

    [LoggerMessage(2, LogLevel.Information, "Evicted pod {Pod} from node {Node}")]
    public static partial void Evicted(ILogger logger, string pod, string node);

    [LoggerMessage(3, LogLevel.Information, "Eviction of pod {Pod} blocked by PodDisruptionBudget {Budget}; trying again at the next look")]
    public static partial void Blocked(ILogger logger, string pod, string budget);

    [LoggerMessage(4, LogLevel.Warning, "Eviction of pod {Pod} refused with {StatusCode}: {Message}; trying again at the next look")]
    public static partial void EvictionRefused(ILogger logger, string pod, int statusCode, string message);

    [LoggerMessage(5, LogLevel.Warning, "Draining node {Node}: the Kubernetes API failed ({Error}); trying again at the next look")]
    public static partial void ApiFailed(ILogger logger, string node, string error);

    [LoggerMessage(6, LogLevel.Warning, "Deleted pod {Pod} on node {Node} after the drain timeout")]
    public static partial void ForceDeleted(ILogger logger, string pod, string node);

    [LoggerMessage(7, LogLevel.Debug, "Drain step on node {Node}: {Outcome}, {Remaining} pods left; blocking budgets: {Budgets}")]
    public static partial void Finished(ILogger logger, string node, DrainOutcome outcome, int remaining, string budgets);

    [LoggerMessage(8, LogLevel.Information, "Uncordoned node {Node}")]
    public static partial void Uncordoned(ILogger logger, string node);
}
