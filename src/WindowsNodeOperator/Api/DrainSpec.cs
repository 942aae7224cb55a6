using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>How a node leaving the fleet is cordoned and drained.</summary>
public sealed class DrainSpec
{
    [JsonPropertyName("timeout")]
    public string Timeout { get; set; } = "30m";

    /// <summary>Overrides each pod's termination grace period when set.</summary>
    [JsonPropertyName("podGracePeriod")]
    public string? PodGracePeriod { get; set; }

    [JsonPropertyName("deleteEmptyDirData")]
    public bool DeleteEmptyDirData { get; set; } = true;

    [JsonPropertyName("onTimeout")]
    public DrainTimeoutAction OnTimeout { get; set; } = DrainTimeoutAction.Wait;
}
