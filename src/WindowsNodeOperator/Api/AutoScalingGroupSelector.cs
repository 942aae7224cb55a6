using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>The Auto Scaling groups a policy manages: by name or by tags, exactly one of the two.</summary>
public sealed class AutoScalingGroupSelector
{
    [JsonPropertyName("names")]
    public List<string>? Names { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }
}
