using System.Diagnostics.Metrics;
using WindowsNodeOperator.Monitoring;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The operator's own metrics (meter <see cref="MeterName"/>), named for Prometheus; the exporter is the host's.
/// Gauges report the last reconcile of each policy, from the leader only (<see cref="PolicyGauges"/>).
/// </summary>
internal sealed class ReconciliationMetrics : IDisposable
{
    public const string MeterName = "WindowsNodeOperator";

    private readonly Meter _meter;
    private readonly PolicyGauges _gauges;
    private readonly Counter<long> _refreshesStarted;
    private readonly Counter<long> _refreshesSucceeded;
    private readonly Counter<long> _refreshesFailed;
    private readonly Counter<long> _nodesDrained;
    private readonly Counter<long> _drainsBlocked;
    private readonly Counter<long> _replacements;
    private readonly Histogram<double> _drainDuration;

    public ReconciliationMetrics(IMeterFactory factory, ILeadership? leadership = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _meter = factory.Create(MeterName);
        _gauges = new PolicyGauges(leadership);
        _gauges.Register(_meter);
        _refreshesStarted = _meter.CreateCounter<long>("windowsnode_refreshes_started_total", description: "Instance refreshes started.");
        _refreshesSucceeded = _meter.CreateCounter<long>("windowsnode_refreshes_succeeded_total", description: "Instance refreshes of the operator that succeeded.");
        _refreshesFailed = _meter.CreateCounter<long>("windowsnode_refreshes_failed_total", description: "Instance refreshes of the operator that failed or rolled back.");
        _nodesDrained = _meter.CreateCounter<long>("windowsnode_nodes_drained_total", description: "Nodes drained before their instance terminated.");
        _drainsBlocked = _meter.CreateCounter<long>("windowsnode_drains_blocked_total", description: "Drains that reached drain.timeout with pods left.");
        _replacements = _meter.CreateCounter<long>("windowsnode_replacements_total", description: "Single instances terminated for replacement.");
        _drainDuration = _meter.CreateHistogram<double>("windowsnode_drain_duration", "s", "From a node's drain starting to its pods gone (or deleted), by outcome.");
    }

    public void Observe(PolicyReadout readout)
    {
        ArgumentNullException.ThrowIfNull(readout);

        // Every counter of every group starts at 0, so the first refresh or blocked drain is an increase too.
        foreach (var group in readout.Groups)
        {
            var tags = Tags(readout.Policy, group.Group);
            _refreshesStarted.Add(0, tags);
            _refreshesSucceeded.Add(0, tags);
            _refreshesFailed.Add(0, tags);
            _nodesDrained.Add(0, tags);
            _drainsBlocked.Add(0, tags);
            _replacements.Add(0, tags);
        }

        _gauges.Observe(readout);
    }

    public void Forget(string policy) => _gauges.Forget(policy);

    /// <summary>Empties the policy gauges: this replica's term of leadership ended.</summary>
    public void Clear() => _gauges.Clear();

    public void RefreshStarted(string policy, string group) => _refreshesStarted.Add(1, Tags(policy, group));

    public void RefreshFinished(string policy, string group, bool succeeded) =>
        (succeeded ? _refreshesSucceeded : _refreshesFailed).Add(1, Tags(policy, group));

    public void NodeDrained(string policy, string group, string instanceId, string outcome, TimeSpan duration)
    {
        _gauges.Unblocked(instanceId);
        _nodesDrained.Add(1, Tags(policy, group));
        _drainDuration.Record(duration.TotalSeconds, [new("policy", policy), new("group", group), new("outcome", outcome)]);
    }

    public void DrainBlocked(string policy, string group, string instanceId)
    {
        _gauges.Blocked(policy, group, instanceId);
        _drainsBlocked.Add(1, Tags(policy, group));
    }

    /// <summary>A drain already counted blocked is still blocked (a later look, or a restarted operator's first).</summary>
    public void DrainStillBlocked(string policy, string group, string instanceId) => _gauges.Blocked(policy, group, instanceId);

    /// <summary>Of the policy's blocked drains, only those of instances still waiting to terminate stay blocked.</summary>
    public void DrainsWaiting(string policy, IReadOnlySet<string> instanceIds) => _gauges.KeepBlocked(policy, instanceIds);

    public void Replacement(string policy, string group) => _replacements.Add(1, Tags(policy, group));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string policy, string group) =>
        [new("policy", policy), new("group", group)];
}
