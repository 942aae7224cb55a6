namespace WindowsNodeOperator.Cluster;

/// <summary>
/// A Pending pod the scheduler could not place (condition PodScheduled False, reason Unschedulable), with the scheduler's
/// own words ("0/16 nodes are available: 12 Too many pods, ...").
/// </summary>
internal sealed record UnschedulablePod(PodKey Key, IReadOnlyDictionary<string, string> Labels, string Message);
