namespace WindowsNodeOperator.Monitoring;

/// <summary>One group of a policy as the per-group gauges report it.</summary>
/// <param name="RefreshFailed">The group's failed or rolled-back refresh holds the policy back (Degraded, reason RefreshFailed).</param>
internal sealed record GroupSeries(string Group, bool RefreshInProgress, bool RefreshFailed);
