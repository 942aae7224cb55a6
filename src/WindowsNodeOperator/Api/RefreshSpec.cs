using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Api;

/// <summary>How the EC2 Auto Scaling instance refresh that replaces nodes is run.</summary>
public sealed class RefreshSpec
{
    /// <summary>Unset by default: derived from <see cref="DisruptionSpec.MaxUnavailable"/> and the group size.</summary>
    [JsonPropertyName("minHealthyPercentage")]
    public int? MinHealthyPercentage { get; set; }

    [JsonPropertyName("maxHealthyPercentage")]
    public int MaxHealthyPercentage { get; set; } = 100;

    [JsonPropertyName("instanceWarmup")]
    public string InstanceWarmup { get; set; } = "5m";

    /// <summary>Ascending percentages (1..100) at which the refresh pauses for a health check.</summary>
    [JsonPropertyName("checkpointPercentages")]
    public List<int>? CheckpointPercentages { get; set; }

    [JsonPropertyName("autoRollback")]
    public bool AutoRollback { get; set; } = true;

    /// <summary>Bounds of <see cref="MaxFailedLaunches"/> (the CRD's minimum and maximum).</summary>
    public const int MinMaxFailedLaunches = 1;

    public const int MaxMaxFailedLaunches = 10;

    /// <summary>How long a new instance may take to join the cluster and become Ready; then its launch is abandoned.</summary>
    [JsonPropertyName("launchTimeout")]
    public string LaunchTimeout { get; set; } = "30m";

    /// <summary>
    /// How many new instances of a refresh may have their launch abandoned (never a Ready node within
    /// <see cref="LaunchTimeout"/>) before the operator rolls the refresh back and holds its AMI.
    /// </summary>
    [JsonPropertyName("maxFailedLaunches")]
    public int MaxFailedLaunches { get; set; } = 2;

    /// <summary>Bounds of <see cref="PodReadyTimeout"/> when it is not <c>0s</c> (off).</summary>
    public static readonly TimeSpan MinPodReadyTimeout = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxPodReadyTimeout = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a pod bound to a new node of the operator's refresh may stay not Ready before the AMI is judged unable to
    /// run workloads: the refresh is rolled back and the AMI held. A Ready node is not proof of a good AMI (a broken pause
    /// image leaves every pod ContainerCreating). <c>0s</c> turns the check off.
    /// </summary>
    [JsonPropertyName("podReadyTimeout")]
    public string PodReadyTimeout { get; set; } = "15m";

    /// <summary>Taint keys a new node starts with and loses once its agents are ready; it counts as launched only without them.</summary>
    [JsonPropertyName("startupTaints")]
    public List<string>? StartupTaints { get; set; }

    /// <summary>Labels (key to value) a new node must carry before it counts as launched.</summary>
    [JsonPropertyName("readinessLabels")]
    public Dictionary<string, string>? ReadinessLabels { get; set; }

    [JsonPropertyName("concurrentGroups")]
    public int ConcurrentGroups { get; set; } = 1;
}
