using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// What happened in the cluster, in commit order, on the sandbox clock: Events, cordons, nodes joining and leaving,
/// the policy's conditions. Fed by the store's change feed, so nothing between two steps is missed.
/// </summary>
internal sealed class SandboxTimeline
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly List<TimelineEntry> _entries = [];
    private readonly List<RecordedClusterEvent> _events = [];
    private readonly Dictionary<string, bool> _cordoned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _conditions = new(StringComparer.Ordinal);

    public SandboxTimeline(ISandboxStore store, TimeProvider time)
    {
        _time = time;
        foreach (var node in store.List("v1", "nodes"))
        {
            _cordoned[node["metadata"]!["name"]!.GetValue<string>()] = node["spec"]?["unschedulable"]?.GetValue<bool>() == true;
        }

        store.Changed += (_, change) => Observe(change);
    }

    /// <summary>Every node's cordon changes as they happened (true: cordoned).</summary>
    public event Action<string, bool>? CordonChanged;

    public IReadOnlyList<TimelineEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<RecordedClusterEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public void Note(string subject, string what) => Add(subject, what);

    private void Observe(SandboxWatchEvent change)
    {
        var obj = change.Resource;
        var kind = obj["kind"]?.GetValue<string>();
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "?";
        switch (kind)
        {
            case "Event" when change.Type == "ADDED":
                ObserveEvent(obj);
                break;
            case "Node":
                ObserveNode(change.Type, name, obj);
                break;
            case "WindowsNodePolicy":
                ObservePolicy(name, obj);
                break;
        }
    }

    private void ObserveEvent(JsonObject obj)
    {
        var reason = obj["reason"]?.GetValue<string>() ?? string.Empty;
        var note = (obj["note"] ?? obj["message"])?.GetValue<string>() ?? string.Empty;
        var regarding = (obj["regarding"] ?? obj["involvedObject"]) as JsonObject;
        var subject = $"{regarding?["kind"]?.GetValue<string>()}/{regarding?["name"]?.GetValue<string>()}";
        var controller = (obj["reportingController"] ?? obj["reportingComponent"] ?? obj["source"]?["component"])?.GetValue<string>() ?? string.Empty;
        var type = obj["type"]?.GetValue<string>() ?? string.Empty;
        lock (_gate)
        {
            _events.Add(new RecordedClusterEvent(_time.GetUtcNow(), controller, type, reason, subject, note));
        }

        if (controller.StartsWith("windowsnode.io", StringComparison.Ordinal))
        {
            Add(subject, $"event {type} {reason}: {note}");
        }
    }

    private void ObserveNode(string type, string name, JsonObject obj)
    {
        bool changed;
        var cordoned = obj["spec"]?["unschedulable"]?.GetValue<bool>() == true;
        lock (_gate)
        {
            if (type == "DELETED")
            {
                changed = _cordoned.Remove(name, out var wasCordoned) && wasCordoned;
                cordoned = false;
                AddLocked($"Node/{name}", "deleted");
            }
            else
            {
                changed = Track(name, cordoned);
            }
        }

        if (changed)
        {
            CordonChanged?.Invoke(name, cordoned);
        }
    }

    private bool Track(string name, bool cordoned)
    {
        var known = _cordoned.TryGetValue(name, out var was);
        _cordoned[name] = cordoned;
        if (!known)
        {
            AddLocked($"Node/{name}", cordoned ? "joined (cordoned)" : "joined");
        }

        if (known && was != cordoned)
        {
            AddLocked($"Node/{name}", cordoned ? "cordoned" : "uncordoned");
        }

        return known ? was != cordoned : cordoned;
    }

    private void ObservePolicy(string name, JsonObject obj)
    {
        if (obj["status"]?["conditions"] is not JsonArray conditions)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var condition in conditions.OfType<JsonObject>())
            {
                var type = condition["type"]?.GetValue<string>() ?? "?";
                var value = $"{condition["status"]?.GetValue<string>()} {condition["reason"]?.GetValue<string>()}: {condition["message"]?.GetValue<string>()}";
                if (_conditions.GetValueOrDefault($"{name}/{type}") != value)
                {
                    _conditions[$"{name}/{type}"] = value;
                    AddLocked($"WindowsNodePolicy/{name}", $"{type}={value}");
                }
            }
        }
    }

    private void Add(string subject, string what)
    {
        lock (_gate)
        {
            AddLocked(subject, what);
        }
    }

    private void AddLocked(string subject, string what) => _entries.Add(new TimelineEntry(_time.GetUtcNow(), subject, what));
}
