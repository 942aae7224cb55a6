using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Notifications;

/// <summary>
/// The JSON body of a webhook POST: Slack's <c>text</c>, and the event's fields for other receivers. <see cref="Id"/> is the
/// same on every attempt, so a receiver can drop a resend.
/// </summary>
internal sealed record NotificationPayload(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("node")] string? Node,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("time")] DateTimeOffset Time)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static NotificationPayload Create(EventNotice notice, string id, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var policy = notice.Policy.Metadata?.Name ?? string.Empty;
        var node = notice.Node?.Metadata?.Name;
        var group = NotificationText.GroupOf(notice);
        var message = NotificationText.Scrub(notice.Note);
        return new NotificationPayload(
            NotificationText.Slack(notice.Type, notice.Reason, policy, node, group, message),
            id,
            notice.Reason,
            notice.Type,
            policy,
            node,
            group,
            message,
            time.ToUniversalTime());
    }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
