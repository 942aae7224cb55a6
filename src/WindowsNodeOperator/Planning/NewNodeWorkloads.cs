using System.Globalization;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>
/// Whether the new nodes of a refresh run work: a Ready node is not proof of a good AMI. A broken pod sandbox (pause)
/// image, a missing <c>vpc.amazonaws.com/PrivateIPv4Address</c> resource or a stuck network leave a Ready node on which
/// no pod ever becomes Ready. Pods bound there (those evicted from the replaced nodes, rescheduled) not Ready within
/// refresh.podReadyTimeout are the evidence that rolls the refresh back and holds the AMI.
/// </summary>
internal static class NewNodeWorkloads
{
    /// <summary>The policy's bound, or null when the check is off (<c>0s</c>) or the text does not parse.</summary>
    public static TimeSpan? Timeout(RefreshSpec spec) =>
        PolicyDuration.TryParse(spec.PodReadyTimeout, out var timeout) && timeout.Value > TimeSpan.Zero ? timeout.Value : null;

    /// <summary>The pods of the refresh's new nodes not Ready for longer than the bound, oldest first.</summary>
    public static IReadOnlyList<UnreadyPod> Overdue(ActiveRefreshFacts refresh, RefreshSpec spec, DateTimeOffset now) =>
        Timeout(spec) is { } timeout
            ? [.. (refresh.UnreadyPods ?? []).Where(p => now - p.BoundAt >= timeout).OrderBy(p => p.BoundAt).ThenBy(p => p.Name, StringComparer.Ordinal)]
            : [];

    /// <summary>The evidence that holds the AMI: which pods, on which new nodes, not Ready for how long.</summary>
    public static string Evidence(RefreshSpec spec, IReadOnlyList<UnreadyPod> overdue, DateTimeOffset now)
    {
        var nodes = overdue.Select(p => p.Node).Distinct(StringComparer.Ordinal).Count();
        var pods = overdue.Take(5).Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Namespace}/{p.Name} on {p.Node} ({p.Waiting ?? "not Ready"} for {new PolicyDuration(Whole(now - p.BoundAt))})"));
        return $"{overdue.Count} pod(s) on {nodes} new node(s) not Ready within refresh.podReadyTimeout {spec.PodReadyTimeout}: "
            + string.Join(", ", pods) + (overdue.Count > 5 ? ", ..." : string.Empty);
    }

    private static TimeSpan Whole(TimeSpan span) => TimeSpan.FromSeconds(Math.Floor(span.TotalSeconds));
}
