using System.Text;
using System.Text.RegularExpressions;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Notifications;

/// <summary>The human side of a notification: the line Slack shows, the group an event is about, and what never leaves the cluster.</summary>
internal static partial class NotificationText
{
    /// <summary>
    /// Keeps AWS identifiers (instance, AMI, refresh, template ids, group names) and removes what is more: ARNs (they carry the
    /// account), URLs, access key ids.
    /// </summary>
    public static string Scrub(string note)
    {
        var text = Arn().Replace(note ?? string.Empty, "[arn]");
        text = Url().Replace(text, "[url]");
        return AccessKey().Replace(text, "[key]");
    }

    /// <summary>A line in Slack's mrkdwn: an emoji for the outcome, the reason, where, and the message.</summary>
    public static string Slack(string type, string reason, string policy, string? node, string? group, string message)
    {
        var icon = type == EventTypes.Warning ? ":warning:"
            : reason == EventReasons.InstanceRefreshSucceeded || reason == EventReasons.NodeDrained ? ":white_check_mark:"
            : ":information_source:";
        var text = new StringBuilder()
            .Append(icon).Append(" *").Append(Escape(reason)).Append("* policy `").Append(Escape(policy)).Append('`');
        if (node is not null)
        {
            text.Append(", node `").Append(Escape(node)).Append('`');
        }

        if (group is not null)
        {
            text.Append(", group `").Append(Escape(group)).Append('`');
        }

        return text.Append(": ").Append(Escape(message)).ToString();
    }

    /// <summary>The Auto Scaling group: the policy's pending replacement of the node, else the group the note names.</summary>
    public static string? GroupOf(EventNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var node = notice.Node?.Metadata?.Name;
        var pending = node is null
            ? null
            : notice.Policy.Status?.PendingReplacements?.FirstOrDefault(p => p.Node == node && !string.IsNullOrEmpty(p.Group));
        if (pending is not null)
        {
            return pending.Group;
        }

        var named = GroupInNote().Match(notice.Note ?? string.Empty);
        return named.Success ? named.Groups["group"].Value : null;
    }

    // https://api.slack.com/reference/surfaces/formatting#escaping
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex(@"\barn:aws[a-z-]*:[^\s,;()]+")]
    private static partial Regex Arn();

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s,;()]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AccessKey();

    [GeneratedRegex(@"\bgroup (?<group>[^\s,;:()]+)")]
    private static partial Regex GroupInNote();
}
