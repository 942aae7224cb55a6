namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>An hour of the sandbox's clock with nothing to do but wait: reconciles, and how soon a node past maxNodeAge was seen.</summary>
/// <param name="CrossingTimes">How many distinct times in the hour a managed node crossed maxNodeAge (nodes crossing at the same second count once).</param>
internal sealed record IdleFigures(
    long ReconcilesPerHour, long HeartbeatWrites, double? DetectionLatencyMs, string DetectedBy, string MaxNodeAge, TimeSpan? CrossingAfter, int Crossings, int CrossingTimes);

/// <summary>A whole rollout on the sandbox's clock, against the ideal for the same budget.</summary>
internal sealed record ComplianceFigures(int Nodes, int Groups, int Batches, TimeSpan PerBatch, TimeSpan Taken, bool Done)
{
    public TimeSpan Ideal => PerBatch * Batches;

    public double Ratio => Taken / Ideal;
}
