using System.Text.Json.Serialization;
using k8s.Models;

namespace WindowsNodeOperator.Api;

/// <summary>The observed state of a <see cref="WindowsNodePolicy"/>, written through the status subresource.</summary>
public sealed class WindowsNodePolicyStatus
{
    /// <summary>Bound on <see cref="PendingReplacements"/> (the CRD's maxItems).</summary>
    public const int MaxPendingReplacements = 50;

    /// <summary>Bound on <see cref="UnmatchedNodes"/> (the CRD's maxItems).</summary>
    public const int MaxUnmatchedNodes = 50;

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Types from <see cref="WindowsNodePolicyConditions"/>.</summary>
    [JsonPropertyName("conditions")]
    public List<V1Condition>? Conditions { get; set; }

    [JsonPropertyName("latestAmiId")]
    public string? LatestAmiId { get; set; }

    [JsonPropertyName("amiCheckedAt")]
    public DateTimeOffset? AmiCheckedAt { get; set; }

    [JsonPropertyName("nodes")]
    public NodeCounts? Nodes { get; set; }

    [JsonPropertyName("nextExpiry")]
    public DateTimeOffset? NextExpiry { get; set; }

    [JsonPropertyName("nextMaintenanceWindow")]
    public DateTimeOffset? NextMaintenanceWindow { get; set; }

    [JsonPropertyName("activeRefresh")]
    public RefreshStatus? ActiveRefresh { get; set; }

    [JsonPropertyName("lastRefresh")]
    public FinishedRefreshStatus? LastRefresh { get; set; }

    [JsonPropertyName("pendingReplacements")]
    public List<PendingReplacement>? PendingReplacements { get; set; }

    /// <summary>
    /// Selected nodes that are no EC2 instance to be found, the first <see cref="MaxUnmatchedNodes"/> by name. Each is reported
    /// once by a Warning event when it first appears here; kept in the status so a restart does not report it again.
    /// </summary>
    [JsonPropertyName("unmatchedNodes")]
    public List<UnmatchedNode>? UnmatchedNodes { get; set; }
}
