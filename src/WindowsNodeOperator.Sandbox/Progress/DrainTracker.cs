using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>Times each drain from the operator's cordon (its cordoned-at annotation when readable) to the Node's deletion.</summary>
internal sealed class DrainTracker
{
    public const string CordonedBy = "windowsnode.io/cordoned-by";
    public const string CordonedAt = "windowsnode.io/cordoned-at";

    private readonly Dictionary<string, DateTimeOffset> _started = new(StringComparer.Ordinal);

    public NodeDrain? Longest { get; private set; }

    public int Finished { get; private set; }

    public static bool IsCordonedByOperator(JsonObject node) => JsonRead.Annotation(node, CordonedBy) is not null;

    public void Seen(JsonObject node, DateTimeOffset at)
    {
        var name = JsonRead.Name(node);
        if (!IsCordonedByOperator(node))
        {
            // Uncordoned (a drain given up): not a drain that finished.
            _started.Remove(name);
            return;
        }

        if (!_started.ContainsKey(name))
        {
            var annotated = JsonRead.Time(node["metadata"]?["annotations"], CordonedAt);
            _started[name] = annotated is { } t && t <= at ? t : at;
        }
    }

    public void Deleted(string node, DateTimeOffset at)
    {
        if (!_started.Remove(node, out var from))
        {
            return;
        }

        Finished++;
        var duration = at - from;
        if (Longest is null || duration > Longest.Duration)
        {
            Longest = new NodeDrain(node, duration);
        }
    }

    /// <summary>Ends the drains of nodes gone from a listing whose deletion no change reported.</summary>
    public void Listed(IReadOnlySet<string> present, DateTimeOffset at)
    {
        foreach (var gone in _started.Keys.Where(n => !present.Contains(n)).ToList())
        {
            Deleted(gone, at);
        }
    }
}
