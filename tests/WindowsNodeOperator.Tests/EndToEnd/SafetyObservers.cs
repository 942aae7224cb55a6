using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The promises checked after every step (and every cordon): never more than maxUnavailable managed nodes cordoned,
/// no PodDisruptionBudget taken below its minimum, no pod deleted outside the Eviction API (unless forcing is allowed),
/// and the Linux and unselected Windows groups untouched. A node a test broke (<see cref="Broken"/>) is out already: it
/// counts against maxUnavailable with the cordoned ones while it exists, and a budget it takes short is not the operator's.
/// </summary>
internal sealed class SafetyObservers
{
    private readonly ISandboxStore _store;
    private readonly Func<JsonObject, string> _groupOf;
    private readonly IReadOnlySet<string> _managedGroups;
    private readonly HashSet<string> _untouchedNodes;
    private readonly OperatorRequests _requests;
    private readonly ConcurrentDictionary<string, bool> _cordoned = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly HashSet<string> _shortBudgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _broken = new(StringComparer.Ordinal);
    private int _maxCordoned;

    /// <param name="groupOf">The Auto Scaling group of a node (its label, or its instance's group by providerID).</param>
    public SafetyObservers(
        ISandboxStore store, SandboxTimeline timeline, OperatorRequests requests, IReadOnlySet<string> managedGroups, IReadOnlySet<string> untouchedGroups,
        Func<JsonObject, string> groupOf)
    {
        _store = store;
        _groupOf = groupOf;
        _requests = requests;
        _managedGroups = managedGroups;
        _untouchedNodes = Nodes().Where(n => untouchedGroups.Contains(Group(n))).Select(Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in Nodes().Where(n => Unschedulable(n)))
        {
            _cordoned[Name(node)] = true;
        }

        timeline.CordonChanged += OnCordonChanged;
    }

    /// <summary>maxUnavailable of the policy under test; null checks no budget.</summary>
    public int? MaxUnavailable { get; set; }

    /// <summary>With <c>onTimeout: Force</c> the operator may delete pods, and budgets may then be short.</summary>
    public bool ForceAllowed { get; set; }

    public int MaxCordonedSeen => Volatile.Read(ref _maxCordoned);

    /// <summary>The test made this node unavailable (its kubelet stopped): the operator did not.</summary>
    public void Broken(string node) => _broken[node] = true;

    /// <summary>
    /// Nodes that never served (their AMI could not run the pods given to them), by name: cordoning one takes nothing out,
    /// so it does not count against maxUnavailable. Null: none.
    /// </summary>
    public Func<string, bool>? Unserving { get; set; }

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Checks the cluster as it is now; returns the violations found so far.</summary>
    public IReadOnlyList<string> Check(DateTimeOffset now)
    {
        var nodes = Nodes();
        var managedCordoned = nodes.Where(n => _managedGroups.Contains(Group(n)) && Unschedulable(n)).Select(Name)
            .Where(n => Unserving?.Invoke(n) != true).ToList();
        if (MaxUnavailable is { } max && managedCordoned.Count > max)
        {
            _violations.Enqueue($"{now:O}: {managedCordoned.Count} managed nodes cordoned (max {max}): {string.Join(", ", managedCordoned)}");
        }

        // A broken node still there is out whether cordoned or not: with it, the operator may take out only what is left.
        var outNow = managedCordoned.Union(nodes.Select(Name).Where(_broken.ContainsKey), StringComparer.Ordinal).ToList();
        if (MaxUnavailable is { } most && outNow.Count > most && outNow.Count > managedCordoned.Count)
        {
            _violations.Enqueue($"{now:O}: {outNow.Count} managed nodes out (max {most}), broken ones included: {string.Join(", ", outNow)}");
        }

        foreach (var name in _untouchedNodes)
        {
            var node = nodes.FirstOrDefault(n => Name(n) == name);
            if (node is null || Unschedulable(node))
            {
                _violations.Enqueue($"{now:O}: node {name} of an unselected group was {(node is null ? "removed" : "cordoned")}");
            }
        }

        foreach (var write in _requests.Writes.Where(w => _untouchedNodes.Any(n => w.Path.Contains(n, StringComparison.Ordinal))))
        {
            _violations.Enqueue($"{now:O}: the operator wrote to an unselected node: {write}");
        }

        if (!ForceAllowed)
        {
            foreach (var write in _requests.Writes.Where(w => w.IsPodDelete))
            {
                _violations.Enqueue($"{now:O}: the operator deleted a pod outside the Eviction API: {write}");
            }

            CheckBudgets(now);
        }

        return Violations;
    }

    /// <summary>Takes the budgets short right now as already short (after a test changed a budget itself).</summary>
    public void Rebaseline()
    {
        foreach (var (key, healthy, desired, _) in Budgets())
        {
            if (healthy < desired)
            {
                _shortBudgets.Add(key);
            }
        }
    }

    private IEnumerable<(string Key, int Healthy, int Desired, int Allowed)> Budgets() =>
        _store.List("policy/v1", "poddisruptionbudgets").Select(pdb =>
        {
            var status = pdb["status"] as JsonObject;
            return (
                $"{pdb["metadata"]!["namespace"]}/{Name(pdb)}",
                status?["currentHealthy"]?.GetValue<int>() ?? 0,
                status?["desiredHealthy"]?.GetValue<int>() ?? 0,
                status?["disruptionsAllowed"]?.GetValue<int>() ?? 0);
        });

    private void CheckBudgets(DateTimeOffset now)
    {
        foreach (var (key, healthy, desired, allowed) in Budgets())
        {
            if (allowed < 0)
            {
                _violations.Enqueue($"{now:O}: PodDisruptionBudget {key} allows {allowed} disruptions");
            }

            // A budget short before (pods still starting) may stay short while they start; one that falls short was broken,
            // by the operator unless a pod of its namespace sits not Ready on a node the test broke.
            var shortNow = healthy < desired;
            if (shortNow && !_shortBudgets.Contains(key) && !ShortByBrokenNode(key))
            {
                _violations.Enqueue($"{now:O}: PodDisruptionBudget {key} fell to {healthy} healthy of {desired} desired");
            }

            if (shortNow)
            {
                _shortBudgets.Add(key);
            }
            else
            {
                _shortBudgets.Remove(key);
            }
        }
    }

    private void OnCordonChanged(string node, bool cordoned)
    {
        if (cordoned)
        {
            _cordoned[node] = true;
        }
        else
        {
            _cordoned.TryRemove(node, out _);
        }

        // Called under the store's lock: count from what the feed said, managed or not (the unselected ones must stay uncordoned anyway).
        var count = _cordoned.Keys.Count(n => !_untouchedNodes.Contains(n) && Unserving?.Invoke(n) != true);
        int seen;
        do
        {
            seen = Volatile.Read(ref _maxCordoned);
        }
        while (count > seen && Interlocked.CompareExchange(ref _maxCordoned, count, seen) != seen);

        if (MaxUnavailable is { } max && count > max)
        {
            _violations.Enqueue($"{node} cordoned made {count} nodes cordoned at once (max {max})");
        }
    }

    private bool ShortByBrokenNode(string budgetKey)
    {
        var ns = budgetKey[..budgetKey.IndexOf('/', StringComparison.Ordinal)];
        return _broken.Keys.Any(node => _store.List("v1", "pods", ns, fieldSelector: $"spec.nodeName={node}")
            .Any(p => p["metadata"]?["deletionTimestamp"] is not null
                || p["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() != "True") == true));
    }

    private List<JsonObject> Nodes() => [.. _store.List("v1", "nodes")];

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();

    private string Group(JsonObject node) => _groupOf(node);

    private static bool Unschedulable(JsonObject node) => node["spec"]?["unschedulable"]?.GetValue<bool>() == true;
}
