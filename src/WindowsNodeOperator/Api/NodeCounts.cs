using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>How many selected nodes there are and how they stand against the policy.</summary>
public sealed class NodeCounts
{
    [JsonPropertyName("total")]
    public int Total { get; set; }

    [JsonPropertyName("expired")]
    public int Expired { get; set; }

    [JsonPropertyName("drifted")]
    public int Drifted { get; set; }

    [JsonPropertyName("compliant")]
    public int Compliant { get; set; }

    /// <summary>Selected Windows nodes that are no EC2 instance to be found (<see cref="WindowsNodePolicyStatus.UnmatchedNodes"/>); in none of the other counts.</summary>
    [JsonPropertyName("unmatched")]
    public int Unmatched { get; set; }

    [JsonPropertyName("oldestLaunchTime")]
    public DateTimeOffset? OldestLaunchTime { get; set; }
}
