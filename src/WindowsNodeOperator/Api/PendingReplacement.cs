using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>A node waiting to be replaced.</summary>
public sealed class PendingReplacement
{
    [JsonPropertyName("node")]
    public string Node { get; set; } = string.Empty;

    [JsonPropertyName("instanceId")]
    public string InstanceId { get; set; } = string.Empty;

    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    [JsonPropertyName("reason")]
    public ReplacementReason Reason { get; set; }

    [JsonPropertyName("launchTime")]
    public DateTimeOffset? LaunchTime { get; set; }
}
