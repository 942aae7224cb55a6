namespace WindowsNodeOperator.Monitoring;

/// <summary>One managed node as the per-node gauges report it.</summary>
/// <param name="ExpiresAt">Unix time the node crosses maxNodeAge; null when its launch time or the policy's maxNodeAge is unknown.</param>
internal sealed record NodeSeries(string Node, string Group, string Instance, string Ami, double? ExpiresAt);
