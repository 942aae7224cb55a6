using System.Text.Json.Serialization;
using k8s.Models;

namespace WindowsNodeOperator.Api;

/// <summary>When and how much the policy may disrupt the fleet.</summary>
public sealed class DisruptionSpec
{
    /// <summary>A node count (at least 1) or a percentage of the group such as <c>25%</c>.</summary>
    [JsonPropertyName("maxUnavailable")]
    public IntOrString MaxUnavailable { get; set; } = 1;

    /// <summary>When empty, replacements may start at any time.</summary>
    [JsonPropertyName("maintenanceWindows")]
    public List<MaintenanceWindow>? MaintenanceWindows { get; set; }

    [JsonPropertyName("paused")]
    public bool Paused { get; set; }

    /// <summary>Plan and report, but change nothing in the cluster or in AWS.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; set; }
}
