using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>The desired state of a <see cref="WindowsNodePolicy"/>; property initializers carry the CRD defaults.</summary>
public sealed class WindowsNodePolicySpec
{
    /// <summary>The label every selected node carries in addition to <see cref="NodeSelector"/>.</summary>
    public const string OsLabel = "kubernetes.io/os";
    public const string OsLabelValue = "windows";

    /// <summary>Bounds the operator enforces on <see cref="MaxNodeAge"/> (the CRD pattern enforces them too).</summary>
    public static readonly TimeSpan MinMaxNodeAge = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxMaxNodeAge = TimeSpan.FromDays(365);

    /// <summary>Extra node labels to match; <c>kubernetes.io/os: windows</c> is always implied.</summary>
    [JsonPropertyName("nodeSelector")]
    public Dictionary<string, string>? NodeSelector { get; set; }

    [JsonPropertyName("autoScalingGroups")]
    public AutoScalingGroupSelector AutoScalingGroups { get; set; } = new();

    /// <summary>A <see cref="PolicyDuration"/> string; nodes older than this are replaced.</summary>
    [JsonPropertyName("maxNodeAge")]
    public string MaxNodeAge { get; set; } = "45d";

    [JsonPropertyName("ami")]
    public AmiSpec Ami { get; set; } = new();

    [JsonPropertyName("refresh")]
    public RefreshSpec Refresh { get; set; } = new();

    [JsonPropertyName("drain")]
    public DrainSpec Drain { get; set; } = new();

    [JsonPropertyName("disruption")]
    public DisruptionSpec Disruption { get; set; } = new();
}
