using System.Globalization;
using System.Text;

namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>The wording of the progress lines and the summary: plain text, one line at most <see cref="MaxLength"/> columns.</summary>
internal static class ProgressText
{
    public const int MaxLength = 120;

    public static string Line(TimeSpan elapsed, string body) => Fit($"[+{Clock(elapsed)}] {body}");

    public static string Group(GroupProgress group)
    {
        var text = new StringBuilder(Inv($"{group.Group}  {group.Replaced}/{group.Total} replaced"));
        if (group.Refresh is { } refresh)
        {
            text.Append(Inv($"  refresh {refresh.PercentageComplete}% {refresh.Status}"));
        }

        if (group.Draining.Count > 0)
        {
            text.Append("  draining ").Append(ShortNode(group.Draining[0]));
            if (group.Draining.Count > 1)
            {
                text.Append(Inv($" +{group.Draining.Count - 1}"));
            }
        }

        return text.ToString();
    }

    public static string Policy(PolicyView policy) => policy switch
    {
        { Ready: null } => $"policy {policy.Name}: no status yet",
        { IsReady: true } => $"policy {policy.Name} Ready",
        { Ready: "True" } => $"policy {policy.Name}: spec changed, not yet reconciled",
        _ => $"policy {policy.Name} waits: {policy.Reason}{(string.IsNullOrEmpty(policy.Message) ? string.Empty : ": " + OneLine(policy.Message))}",
    };

    public static IReadOnlyList<string> Summary(ReplacementFigures figures, bool done, TimeSpan elapsed)
    {
        var groups = string.Join(", ", figures.Groups.Select(g => Inv($"{g.Group} {g.Replaced}/{g.Total}")));
        var lines = new List<string>
        {
            Inv($"Nodes replaced: {figures.Replaced} of {figures.Total}") + (groups.Length > 0 ? $" ({groups})" : string.Empty),
            figures.LongestDrain is { } drain
                ? Inv($"Longest drain: {Duration(drain.Duration)} ({ShortNode(drain.Node)}), of {figures.DrainsFinished} drains")
                : "Longest drain: none finished",
            done && figures.TimeUntilReady is { } ready
                ? $"Simulated time until every policy was Ready: {Duration(ready)}"
                : $"Not every policy is Ready yet, after {Duration(elapsed)} of simulated time",
            figures.LowestHeadroom is { } low
                ? Inv($"Lowest PodDisruptionBudget headroom: {low.Headroom} ({low.Namespace}/{low.Name})")
                : "Lowest PodDisruptionBudget headroom: no budget seen",
            Inv($"Instance refreshes: {figures.RefreshesStarted} started, {figures.RefreshesSucceeded} succeeded, {figures.RefreshesFailed} failed")
                + (figures.RefreshesCancelled > 0 ? Inv($", {figures.RefreshesCancelled} cancelled") : string.Empty),
            Inv($"Lifecycle actions timed out: {figures.LifecycleActionsTimedOut}"),
        };
        return [.. lines.Select(Fit)];
    }

    /// <summary>"1h02m30s", "7m30s", "45s": the policy's own duration spelling.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Round(span.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0 ? Inv($"{h}h{m:00}m{s:00}s") : m > 0 ? Inv($"{m}m{s:00}s") : Inv($"{s}s");
    }

    /// <summary>ip-10-0-1-23 of ip-10-0-1-23.us-west-2.compute.internal.</summary>
    public static string ShortNode(string node) => node.Split('.', 2)[0];

    private static string Clock(TimeSpan elapsed)
    {
        var seconds = (long)Math.Max(0, elapsed.TotalSeconds);
        return Inv($"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static string Fit(string line) => line.Length <= MaxLength ? line : string.Concat(line.AsSpan(0, MaxLength - 1), "…");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
