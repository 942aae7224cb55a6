using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace WindowsNodeOperator.Api;

/// <summary>
/// A cluster-scoped policy that keeps the selected EKS Windows nodes younger than a maximum age and on
/// the latest EKS-optimized Windows AMI.
/// </summary>
[KubernetesEntity(Group = KubeGroup, ApiVersion = KubeVersion, Kind = KubeKind, PluralName = KubePlural)]
public sealed class WindowsNodePolicy
    : IKubernetesObject<V1ObjectMeta>, ISpec<WindowsNodePolicySpec>, IStatus<WindowsNodePolicyStatus?>
{
    public const string KubeGroup = "windowsnode.io";
    public const string KubeVersion = "v1alpha1";
    public const string KubeKind = "WindowsNodePolicy";
    public const string KubePlural = "windowsnodepolicies";
    public const string KubeSingular = "windowsnodepolicy";
    public const string KubeShortName = "wnp";
    public const string KubeCategory = "windowsnode";
    public const string KubeApiVersion = KubeGroup + "/" + KubeVersion;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KubeApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public WindowsNodePolicySpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public WindowsNodePolicyStatus? Status { get; set; }
}
