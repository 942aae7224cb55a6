namespace WindowsNodeOperator.Cluster;

/// <summary>The answer to one eviction: for Blocked, the budget named by the server; for Error, its status code and message.</summary>
internal sealed record EvictionResult(EvictionOutcome Outcome, string? DisruptionBudget = null, int? StatusCode = null, string? Message = null)
{
    public static EvictionResult Evicted { get; } = new(EvictionOutcome.Evicted);

    public static EvictionResult Gone { get; } = new(EvictionOutcome.Gone, StatusCode: 404);

    public static EvictionResult Blocked(string? budget, string? message) => new(EvictionOutcome.Blocked, budget, 429, message);

    public static EvictionResult Error(int statusCode, string? message) => new(EvictionOutcome.Error, null, statusCode, message);
}
