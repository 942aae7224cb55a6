using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>An EC2 Auto Scaling instance refresh the policy started.</summary>
public class RefreshStatus
{
    [JsonPropertyName("group")]
    public string Group { get; set; } = string.Empty;

    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The instance refresh status as AWS reports it (Pending, InProgress, Successful, ...).</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    [JsonPropertyName("percentComplete")]
    public int? PercentComplete { get; set; }

    [JsonPropertyName("startedAt")]
    public DateTimeOffset? StartedAt { get; set; }
}
