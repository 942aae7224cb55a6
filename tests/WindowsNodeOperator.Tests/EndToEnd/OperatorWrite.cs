namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>A write the operator sent to the API server, the status it got, and when (sandbox clock) it was sent.</summary>
internal sealed record OperatorWrite(string Method, string Path, int Status, DateTimeOffset At)
{
    /// <summary>A pod deleted outright (not through the eviction subresource).</summary>
    public bool IsPodDelete =>
        Method == "DELETE" && Path.Contains("/pods/", StringComparison.Ordinal) && !Path.EndsWith("/eviction", StringComparison.Ordinal);

    /// <summary>Touches the cluster's workload or nodes (events, leases and the policy itself aside).</summary>
    public bool TouchesCluster =>
        (Path.Contains("/nodes/", StringComparison.Ordinal) || Path.Contains("/pods", StringComparison.Ordinal))
        && !Path.Contains("/events", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path} -> {Status}";
}
