using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>A Windows node the policy selects that is no EC2 instance the operator can find: skipped, never acted on.</summary>
public sealed class UnmatchedNode
{
    [JsonPropertyName("node")]
    public string Node { get; set; } = string.Empty;

    [JsonPropertyName("reason")]
    public UnmatchedNodeReason Reason { get; set; }

    /// <summary>The node's <c>spec.providerID</c>, when it has one.</summary>
    [JsonPropertyName("providerID")]
    public string? ProviderId { get; set; }
}
