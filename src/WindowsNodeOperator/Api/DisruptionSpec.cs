using System.Text.Json.Serialization;
using k8s.Models;

namespace WindowsNodeOperator.Api;

/// <summary>When and how much the policy may disrupt the fleet.</summary>
public sealed class DisruptionSpec
{
    /// <summary>The <see cref="NotReadyReplaceAfter"/> value that turns NotReady replacements off.</summary>
    public const string Off = "off";

    /// <summary>Bounds the operator enforces on <see cref="NotReadyReplaceAfter"/>.</summary>
    public static readonly TimeSpan MinNotReadyReplaceAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxNotReadyReplaceAfter = TimeSpan.FromDays(7);

    /// <summary>A node count (at least 1) or a percentage of the group such as <c>25%</c>.</summary>
    [JsonPropertyName("maxUnavailable")]
    public IntOrString MaxUnavailable { get; set; } = 1;

    /// <summary>When empty, replacements may start at any time.</summary>
    [JsonPropertyName("maintenanceWindows")]
    public List<MaintenanceWindow>? MaintenanceWindows { get; set; }

    /// <summary>
    /// A <see cref="PolicyDuration"/> string: a node NotReady this long is replaced first, its own unavailability not
    /// counted against it; <c>off</c> never replaces a node for being NotReady.
    /// </summary>
    [JsonPropertyName("notReadyReplaceAfter")]
    public string NotReadyReplaceAfter { get; set; } = "30m";

    [JsonPropertyName("paused")]
    public bool Paused { get; set; }

    /// <summary>Plan and report, but change nothing in the cluster or in AWS.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; set; }
}
