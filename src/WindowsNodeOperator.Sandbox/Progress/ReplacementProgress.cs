using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>
/// Watches a node replacement in the sandbox: call <see cref="Observe"/> often, print what <see cref="Render"/> returns,
/// and once <see cref="IsDone"/> print <see cref="Summary"/>. It only reads: WindowsNodePolicies, Nodes and
/// PodDisruptionBudgets from the store, groups and refreshes from the simulated account; all times are the sandbox clock's.
/// </summary>
public sealed class ReplacementProgress : IDisposable
{
    private readonly ISandboxStore _store;
    private readonly SimulatedCloud _cloud;
    private readonly FleetOptions? _fleet;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<(DateTimeOffset At, SandboxWatchEvent Change)> _changes = new();
    private readonly Dictionary<string, HashSet<string>> _baselines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rendered = new(StringComparer.Ordinal);
    private readonly DrainTracker _drains = new();
    private readonly BudgetTracker _budgets = new();
    private readonly RefreshTally _refreshes;
    private List<PolicyView> _policies = [];
    private IReadOnlyList<GroupProgress> _groups = [];
    private DateTimeOffset _sampledAt;
    private DateTimeOffset? _readyAt;
    private bool _done;

    public ReplacementProgress(SandboxCluster cluster, TimeProvider time)
        : this((cluster ?? throw new ArgumentNullException(nameof(cluster))).Server.Store, cluster.Cloud, cluster.Options, time)
    {
    }

    /// <summary>Starts observing now: instances already in a group count as not replaced. Linux groups of the fleet are left out.</summary>
    public ReplacementProgress(ISandboxStore store, SimulatedCloud cloud, FleetOptions? fleet, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(time);
        (_store, _cloud, _fleet, _time) = (store, cloud, fleet, time);
        Started = time.GetUtcNow();
        _refreshes = new RefreshTally(Started);
        _store.Changed += OnChanged;
        Observe();
    }

    /// <summary>When observing began, on the sandbox clock.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>
    /// At least one policy, every policy Ready for its current generation, no refresh running in their groups, and a
    /// node replaced or none due.
    /// </summary>
    public bool IsDone
    {
        get
        {
            lock (_gate)
            {
                return _done;
            }
        }
    }

    public ReplacementFigures Figures
    {
        get
        {
            lock (_gate)
            {
                return new ReplacementFigures(
                    _groups.Sum(g => g.Replaced), _groups.Sum(g => g.Total), _groups, _drains.Finished, _drains.Longest, _budgets.Lowest,
                    _readyAt - Started, _refreshes.Started, _refreshes.Succeeded, _refreshes.Failed, _refreshes.Cancelled,
                    LifecycleActionsTimedOut());
            }
        }
    }

    /// <summary>Lifecycle actions that Auto Scaling ended by their heartbeat or global timeout since observing began: none the operator could complete should.</summary>
    private int LifecycleActionsTimedOut() =>
        _cloud.Timeline().Count(e => e.Time >= Started && e.What.EndsWith(" timed out", StringComparison.Ordinal));

    /// <summary>Samples the cluster and the account now; cheap enough to call every second.</summary>
    public void Observe()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _sampledAt = now;
            ApplyChanges();
            var nodes = _store.List("v1", "nodes");
            foreach (var node in nodes)
            {
                _drains.Seen(node, now);
            }

            _drains.Listed(nodes.Select(JsonRead.Name).ToHashSet(StringComparer.Ordinal), now);
            foreach (var budget in _store.List("policy/v1", "poddisruptionbudgets"))
            {
                _budgets.Seen(budget, now);
            }

            _policies = ReadPolicies();
            _groups = SampleGroups(nodes);

            _done = _policies.Count > 0
                && _policies.All(p => p.IsReady)
                && !_groups.Any(g => g.Refresh is { } r && RefreshTally.IsActive(r.Status))
                && (_groups.Sum(g => g.Replaced) > 0 || _policies.All(p => !p.HasPendingReplacements));
            if (_done && _readyAt is null)
            {
                // The policies' own Ready transition times are exact; the sample only bounds them.
                var since = _policies.Max(p => p.ReadySince ?? now);
                _readyAt = since < Started ? Started : since > now ? now : since;
            }
        }
    }

    /// <summary>The lines that changed since the last render, each stamped with the simulated time since the start.</summary>
    public IReadOnlyList<string> Render()
    {
        lock (_gate)
        {
            var elapsed = _sampledAt - Started;
            var lines = new List<string>();
            foreach (var group in _groups)
            {
                Emit(lines, "group/" + group.Group, ProgressText.Group(group), elapsed);
            }

            foreach (var policy in _policies)
            {
                Emit(lines, "policy/" + policy.Name, ProgressText.Policy(policy), elapsed);
            }

            return lines;
        }
    }

    /// <summary>Nodes replaced, the longest drain, the time until Ready, the lowest budget headroom and the refreshes.</summary>
    public IReadOnlyList<string> Summary()
    {
        var figures = Figures;
        lock (_gate)
        {
            return ProgressText.Summary(figures, _done, _sampledAt - Started);
        }
    }

    public void Dispose() => _store.Changed -= OnChanged;

    // Raised under the store's lock: only queue, so a sample that holds our lock and reads the store cannot deadlock.
    private void OnChanged(object? sender, SandboxWatchEvent e)
    {
        if (JsonRead.Str(e.Resource, "kind") is "Node" or "PodDisruptionBudget")
        {
            _changes.Enqueue((_time.GetUtcNow(), e));
        }
    }

    private void ApplyChanges()
    {
        while (_changes.TryDequeue(out var item))
        {
            var (at, change) = item;
            if (JsonRead.Str(change.Resource, "kind") == "PodDisruptionBudget")
            {
                _budgets.Seen(change.Resource, at);
            }
            else if (change.Type == "DELETED")
            {
                _drains.Deleted(JsonRead.Name(change.Resource), at);
            }
            else
            {
                _drains.Seen(change.Resource, at);
            }
        }
    }

    private List<PolicyView> ReadPolicies()
    {
        try
        {
            return [.. _store.List(PolicyView.ApiVersion, PolicyView.Plural).Select(PolicyView.From).OrderBy(p => p.Name, StringComparer.Ordinal)];
        }
        catch (SandboxApiException)
        {
            // The CRD is not registered (yet): no policy.
            return [];
        }
    }

    // Read through the account's control side: an observer spends no API call and draws no fault meant for the operator.
    private List<GroupProgress> SampleGroups(IReadOnlyList<JsonObject> nodes)
    {
        var cordoned = nodes
            .Where(n => DrainTracker.IsCordonedByOperator(n) || JsonRead.Bool(n, "spec", "unschedulable"))
            .Select(n => (Node: JsonRead.Name(n), Instance: InstanceId(n), ByOperator: DrainTracker.IsCordonedByOperator(n)))
            .ToList();
        var result = new List<GroupProgress>();
        foreach (var (group, refreshes) in _cloud.ObserveGroups())
        {
            var name = group.AutoScalingGroupName;
            if (!_baselines.TryGetValue(name, out var baseline))
            {
                _baselines[name] = baseline = group.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            }

            var policies = _policies.Where(p => p.Selects(group)).Select(p => p.Name).ToList();
            if (policies.Count == 0 || _fleet?.Groups.FirstOrDefault(g => g.Name == name)?.Os == NodeOs.Linux)
            {
                continue;
            }

            foreach (var refresh in refreshes)
            {
                _refreshes.Seen(refresh);
            }

            var members = group.Instances.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
            var replaced = group.Instances.Count(i => !baseline.Contains(i.InstanceId) && i.LifecycleState == LifecycleState.InService);
            var draining = cordoned.Where(c => c.Instance is not null && members.Contains(c.Instance))
                .OrderByDescending(c => c.ByOperator).ThenBy(c => c.Node, StringComparer.Ordinal).Select(c => c.Node).ToList();
            result.Add(new GroupProgress(name, policies, Math.Min(replaced, group.DesiredCapacity), group.DesiredCapacity, refreshes.Count > 0 ? refreshes[0] : null, draining));
        }

        return result;
    }

    private static string? InstanceId(JsonObject node) =>
        JsonRead.Str(node, "spec", "providerID") is { } id && id.LastIndexOf('/') is var slash and >= 0 ? id[(slash + 1)..] : null;

    private void Emit(List<string> lines, string key, string body, TimeSpan elapsed)
    {
        if (_rendered.TryGetValue(key, out var last) && last == body)
        {
            return;
        }

        _rendered[key] = body;
        lines.Add(ProgressText.Line(elapsed, body));
    }
}
