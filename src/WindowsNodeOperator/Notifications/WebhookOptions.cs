using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Notifications;

/// <summary>One webhook. Its URL is a credential: it comes from a file mounted from a Secret or a variable set from one.</summary>
internal sealed class WebhookOptions
{
    /// <summary>The replacement events, when <see cref="Reasons"/> is empty.</summary>
    public static readonly IReadOnlyList<string> DefaultReasons =
    [
        EventReasons.NodeExpired,
        EventReasons.LaunchTemplateUpdated,
        EventReasons.InstanceRefreshStarted,
        EventReasons.InstanceRefreshSucceeded,
        EventReasons.InstanceRefreshFailed,
        EventReasons.AmiFailed,
        EventReasons.NodeDrained,
        EventReasons.DrainBlocked,
        EventReasons.DrainWouldBlock,
    ];

    /// <summary>Names the webhook in metrics and logs.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A file holding the URL, e.g. a key of a Secret mounted as a volume; read again before each attempt.</summary>
    public string? UrlFile { get; set; }

    /// <summary>An environment variable holding the URL, e.g. one set from a Secret with <c>secretKeyRef</c>.</summary>
    public string? UrlEnv { get; set; }

    /// <summary>Only here to be refused: a URL written in the settings would sit in a ConfigMap.</summary>
    public string? Url { get; set; }

    /// <summary>Event reasons to send; empty means <see cref="DefaultReasons"/>.</summary>
    public IList<string> Reasons { get; } = new List<string>();

    /// <summary>Per attempt, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per notification, the first included.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Notifications waiting to be sent; when full the oldest is dropped.</summary>
    public int QueueCapacity { get; set; } = 256;

    public IReadOnlyCollection<string> EffectiveReasons => Reasons.Count == 0 ? DefaultReasons : [.. Reasons];
}
