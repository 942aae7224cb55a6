using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The operator's own metrics (meter <see cref="MeterName"/>), named for Prometheus; the exporter is the host's.
/// Gauges report the last reconcile of each policy.
/// </summary>
internal sealed class ReconciliationMetrics : IDisposable
{
    public const string MeterName = "WindowsNodeOperator";

    private readonly Meter _meter;
    private readonly ConcurrentDictionary<string, PolicyGauges> _policies = new(StringComparer.Ordinal);
    private readonly Counter<long> _refreshesStarted;
    private readonly Counter<long> _refreshesSucceeded;
    private readonly Counter<long> _refreshesFailed;
    private readonly Counter<long> _nodesDrained;
    private readonly Counter<long> _drainsBlocked;
    private readonly Counter<long> _replacements;

    public ReconciliationMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _meter = factory.Create(MeterName);
        _meter.CreateObservableGauge("windowsnode_nodes", ObserveNodes, description: "Selected Windows nodes by policy and state (total, expired, drifted, compliant).");
        _meter.CreateObservableGauge("windowsnode_oldest_node_age_seconds", () => _policies.Select(p =>
            new Measurement<double>(p.Value.OldestAgeSeconds, new KeyValuePair<string, object?>("policy", p.Key))), "s", "Age of the oldest selected node.");
        _meter.CreateObservableGauge("windowsnode_drains_in_progress", () => _policies.Select(p =>
            new Measurement<int>(p.Value.Draining, new KeyValuePair<string, object?>("policy", p.Key))), description: "Node drains running for terminating instances.");
        _meter.CreateObservableGauge("windowsnode_last_reconcile_timestamp_seconds", () => _policies.Select(p =>
            new Measurement<double>(p.Value.ReconciledAt, new KeyValuePair<string, object?>("policy", p.Key))), "s", "When the policy was last reconciled (Unix time).");
        _refreshesStarted = _meter.CreateCounter<long>("windowsnode_refreshes_started_total", description: "Instance refreshes started.");
        _refreshesSucceeded = _meter.CreateCounter<long>("windowsnode_refreshes_succeeded_total", description: "Instance refreshes of the operator that succeeded.");
        _refreshesFailed = _meter.CreateCounter<long>("windowsnode_refreshes_failed_total", description: "Instance refreshes of the operator that failed or rolled back.");
        _nodesDrained = _meter.CreateCounter<long>("windowsnode_nodes_drained_total", description: "Nodes drained before their instance terminated.");
        _drainsBlocked = _meter.CreateCounter<long>("windowsnode_drains_blocked_total", description: "Drains that reached drain.timeout with pods left.");
        _replacements = _meter.CreateCounter<long>("windowsnode_replacements_total", description: "Single instances terminated for replacement.");
    }

    public void Observe(string policy, FleetCounts counts, DateTimeOffset now, int draining)
    {
        _policies[policy] = new PolicyGauges(
            counts.Total,
            counts.Expired,
            counts.Drifted,
            counts.Compliant,
            counts.OldestLaunchTime is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            draining,
            now.ToUnixTimeMilliseconds() / 1000.0);
    }

    public void Forget(string policy) => _policies.TryRemove(policy, out _);

    public void RefreshStarted(string policy, string group) => _refreshesStarted.Add(1, Tags(policy, group));

    public void RefreshFinished(string policy, string group, bool succeeded) =>
        (succeeded ? _refreshesSucceeded : _refreshesFailed).Add(1, Tags(policy, group));

    public void NodeDrained(string policy, string group) => _nodesDrained.Add(1, Tags(policy, group));

    public void DrainBlocked(string policy, string group) => _drainsBlocked.Add(1, Tags(policy, group));

    public void Replacement(string policy, string group) => _replacements.Add(1, Tags(policy, group));

    public void Dispose() => _meter.Dispose();

    private static KeyValuePair<string, object?>[] Tags(string policy, string group) =>
        [new("policy", policy), new("group", group)];

    private IEnumerable<Measurement<int>> ObserveNodes()
    {
        foreach (var (policy, g) in _policies)
        {
            yield return Node(policy, "total", g.Total);
            yield return Node(policy, "expired", g.Expired);
            yield return Node(policy, "drifted", g.Drifted);
            yield return Node(policy, "compliant", g.Compliant);
        }
    }

    private static Measurement<int> Node(string policy, string state, int value) =>
        new(value, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("state", state));

    private sealed record PolicyGauges(int Total, int Expired, int Drifted, int Compliant, double OldestAgeSeconds, int Draining, double ReconciledAt);
}
