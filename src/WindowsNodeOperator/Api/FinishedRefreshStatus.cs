using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>The last instance refresh that reached a final state.</summary>
public sealed class FinishedRefreshStatus : RefreshStatus
{
    [JsonPropertyName("finishedAt")]
    public DateTimeOffset? FinishedAt { get; set; }
}
