using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WindowsNodeOperator.Runtime.Election;

namespace WindowsNodeOperator.Monitoring;

/// <summary>
/// The policy gauges: the last readout of each policy and the drains blocked now. Observed only while this replica
/// leads, and emptied when its term ends, so a replica that lost the Lease never reports a stale fleet.
/// </summary>
internal sealed class PolicyGauges(ILeadership? leadership)
{
    private readonly ConcurrentDictionary<string, PolicyReadout> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BlockedDrain> _blocked = new(StringComparer.Ordinal);

    public void Register(Meter meter)
    {
        meter.CreateObservableGauge("windowsnode_nodes", ObserveNodes, description: "Selected Windows nodes by policy and state (total, expired, drifted, compliant).");
        meter.CreateObservableGauge("windowsnode_oldest_node_age_seconds", () => PerPolicy(p => p.OldestAgeSeconds), "s", "Age of the oldest selected node.");
        meter.CreateObservableGauge("windowsnode_drains_in_progress", () => PerPolicy(p => (double)p.Draining), description: "Node drains running for terminating instances.");
        meter.CreateObservableGauge("windowsnode_last_reconcile_timestamp_seconds", () => PerPolicy(p => p.ReconciledAt), "s", "When the policy was last reconciled (Unix time).");
        meter.CreateObservableGauge("windowsnode_node_expiry_timestamp_seconds", ObserveExpiry, "s", "When each managed node crosses maxNodeAge (Unix time).");
        meter.CreateObservableGauge("windowsnode_node_info", ObserveNodeInfo, description: "1 for each managed node, with its group, instance and AMI.");
        meter.CreateObservableGauge("windowsnode_refreshes_in_progress", () => PerGroup(g => g.RefreshInProgress ? 1 : 0), description: "1 while an instance refresh of the operator runs in the group.");
        meter.CreateObservableGauge("windowsnode_refresh_failed", () => PerGroup(g => g.RefreshFailed ? 1 : 0), description: "1 while an AMI that failed in the group is held (Degraded, RefreshFailed).");
        meter.CreateObservableGauge("windowsnode_blocked_drains", ObserveBlocked, description: "Drains past drain.timeout with pods left (onTimeout: Wait), now.");
        meter.CreateObservableGauge("windowsnode_latest_ami_release_timestamp_seconds", ObserveAmi, "s", "When the latest AMI the policy's SSM parameter names was created (Unix time).");
    }

    public IEnumerable<PolicyReadout> Readouts => _policies.Values;

    public void Observe(PolicyReadout readout) => _policies[readout.Policy] = readout;

    public void Forget(string policy)
    {
        _policies.TryRemove(policy, out _);
        foreach (var drain in _blocked.Where(b => b.Value.Policy == policy))
        {
            _blocked.TryRemove(drain.Key, out _);
        }
    }

    public void Blocked(string policy, string group, string instanceId) => _blocked[instanceId] = new BlockedDrain(policy, group);

    public void Unblocked(string instanceId) => _blocked.TryRemove(instanceId, out _);

    /// <summary>Keeps the policy's blocked drains among <paramref name="waiting"/> only: the others ended or their instance is gone.</summary>
    public void KeepBlocked(string policy, IReadOnlySet<string> waiting)
    {
        foreach (var drain in _blocked.Where(b => b.Value.Policy == policy && !waiting.Contains(b.Key)))
        {
            _blocked.TryRemove(drain.Key, out _);
        }
    }

    /// <summary>Empties every gauge: the term of leadership ended, the next leader reports.</summary>
    public void Clear()
    {
        _policies.Clear();
        _blocked.Clear();
    }

    private bool Leading => leadership?.IsLeader ?? true;

    private IEnumerable<PolicyReadout> Visible => Leading ? _policies.Values.ToList() : [];

    private List<Measurement<double>> PerPolicy(Func<PolicyReadout, double> value) =>
        Visible.Select(p => new Measurement<double>(value(p), Tag("policy", p.Policy))).ToList();

    private List<Measurement<int>> PerGroup(Func<GroupSeries, int> value) =>
        Visible.SelectMany(p => p.Groups.Select(g => new Measurement<int>(value(g), Tag("policy", p.Policy), Tag("group", g.Group)))).ToList();

    private IEnumerable<Measurement<int>> ObserveNodes() =>
        Visible.SelectMany(p => new[]
        {
            State(p.Policy, "total", p.Counts.Total),
            State(p.Policy, "expired", p.Counts.Expired),
            State(p.Policy, "drifted", p.Counts.Drifted),
            State(p.Policy, "compliant", p.Counts.Compliant),
        }).ToList();

    private IEnumerable<Measurement<double>> ObserveExpiry() =>
        Visible.SelectMany(p => p.Nodes
            .Where(n => n.ExpiresAt is not null)
            .Select(n => new Measurement<double>(n.ExpiresAt!.Value, Tag("policy", p.Policy), Tag("node", n.Node), Tag("group", n.Group)))).ToList();

    private IEnumerable<Measurement<int>> ObserveNodeInfo() =>
        Visible.SelectMany(p => p.Nodes.Select(n => new Measurement<int>(
            1, Tag("policy", p.Policy), Tag("node", n.Node), Tag("group", n.Group), Tag("instance", n.Instance), Tag("ami", n.Ami)))).ToList();

    private IEnumerable<Measurement<int>> ObserveBlocked()
    {
        if (!Leading)
        {
            return [];
        }

        // Every group of every policy, 0 when nothing is blocked: an alert's expression then always has a series.
        var counts = Visible
            .SelectMany(p => p.Groups.Select(g => (p.Policy, g.Group)))
            .ToDictionary(k => k, _ => 0);
        foreach (var drain in _blocked.Values)
        {
            counts[(drain.Policy, drain.Group)] = counts.GetValueOrDefault((drain.Policy, drain.Group)) + 1;
        }

        return counts.Select(c => new Measurement<int>(c.Value, Tag("policy", c.Key.Policy), Tag("group", c.Key.Group))).ToList();
    }

    private IEnumerable<Measurement<double>> ObserveAmi() =>
        Visible
            .Where(p => p.LatestAmi is not null && p.LatestAmiReleasedAt is not null)
            .Select(p => new Measurement<double>(p.LatestAmiReleasedAt!.Value, Tag("policy", p.Policy), Tag("ami", p.LatestAmi)))
            .ToList();

    private static Measurement<int> State(string policy, string state, int value) => new(value, Tag("policy", policy), Tag("state", state));

    private static KeyValuePair<string, object?> Tag(string key, string? value) => new(key, value);

    private sealed record BlockedDrain(string Policy, string Group);
}
