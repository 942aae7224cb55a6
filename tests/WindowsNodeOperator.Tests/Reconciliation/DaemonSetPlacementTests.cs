using k8s.Models;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Launch;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class DaemonSetPlacementTests
{
    private static readonly V1Node Windows = new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "ip-10-0-1-5.us-west-2.compute.internal",
            Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["node.kubernetes.io/windows-build"] = "10.0.20348", ["pods"] = "14" },
        },
        Spec = new V1NodeSpec { Taints = [new V1Taint { Key = "os", Effect = "NoSchedule", Value = "windows" }, new V1Taint { Key = "example.com/prefer-not", Effect = "PreferNoSchedule" }] },
    };

    [Fact]
    public void A_node_selector_must_match_every_label()
    {
        Assert.False(DaemonSetPlacement.ShouldRunOn(With(selector: new() { ["kubernetes.io/os"] = "windows" }), Windows));
        Assert.True(DaemonSetPlacement.ShouldRunOn(With(selector: new() { ["kubernetes.io/os"] = "windows" }, tolerations: [Toleration("os", "Equal", "windows")]), Windows));
        Assert.False(DaemonSetPlacement.ShouldRunOn(With(selector: new() { ["kubernetes.io/os"] = "linux" }, tolerations: [Toleration(null, "Exists")]), Windows));
    }

    [Theory]
    [InlineData("os", "Exists", null, null, true)]
    [InlineData("os", "Equal", "windows", "NoSchedule", true)]
    [InlineData("os", "Equal", "windows", "NoExecute", false)]
    [InlineData("os", "Equal", "linux", null, false)]
    [InlineData(null, "Exists", null, null, true)]
    [InlineData("other", "Exists", null, null, false)]
    public void NoSchedule_and_NoExecute_taints_must_be_tolerated_PreferNoSchedule_need_not(string? key, string op, string? value, string? effect, bool runs)
    {
        var toleration = Toleration(key, op, value);
        toleration.Effect = effect;

        Assert.Equal(runs, DaemonSetPlacement.ShouldRunOn(With(tolerations: [toleration]), Windows));
    }

    [Fact]
    public void The_tolerations_the_daemonset_controller_adds_cover_condition_taints()
    {
        var node = new V1Node
        {
            Metadata = Windows.Metadata,
            Spec = new V1NodeSpec { Taints = [new V1Taint { Key = "node.kubernetes.io/not-ready", Effect = "NoExecute" }, new V1Taint { Key = "node.kubernetes.io/unschedulable", Effect = "NoSchedule" }] },
        };

        Assert.True(DaemonSetPlacement.ShouldRunOn(With(), node));
    }

    [Theory]
    [InlineData("node.kubernetes.io/windows-build", "In", "10.0.20348", true)]
    [InlineData("node.kubernetes.io/windows-build", "In", "10.0.17763", false)]
    [InlineData("node.kubernetes.io/windows-build", "NotIn", "10.0.17763", true)]
    [InlineData("node.kubernetes.io/windows-build", "Exists", null, true)]
    [InlineData("gpu", "DoesNotExist", null, true)]
    [InlineData("pods", "Gt", "10", true)]
    [InlineData("pods", "Lt", "10", false)]
    [InlineData("kubernetes.io/os", "Gt", "1", false)]
    public void Required_node_affinity_is_honoured(string key, string op, string? value, bool runs)
    {
        var term = new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = key, OperatorProperty = op, Values = value is null ? null : [value] }] };

        Assert.Equal(runs, DaemonSetPlacement.ShouldRunOn(With(affinity: [term], tolerations: [Toleration(null, "Exists")]), Windows));
    }

    [Fact]
    public void Affinity_terms_are_ORed_and_match_fields_read_the_node_name()
    {
        V1NodeSelectorTerm[] terms =
        [
            new() { MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/os", OperatorProperty = "In", Values = ["linux"] }] },
            new() { MatchFields = [new V1NodeSelectorRequirement { Key = "metadata.name", OperatorProperty = "In", Values = [Windows.Metadata.Name] }] },
        ];

        Assert.True(DaemonSetPlacement.ShouldRunOn(With(affinity: terms, tolerations: [Toleration(null, "Exists")]), Windows));
        Assert.False(DaemonSetPlacement.ShouldRunOn(With(affinity: [terms[0]], tolerations: [Toleration(null, "Exists")]), Windows));
    }

    private static V1Toleration Toleration(string? key, string op, string? value = null) => new() { Key = key, OperatorProperty = op, Value = value };

    private static V1DaemonSet With(
        Dictionary<string, string>? selector = null, V1Toleration[]? tolerations = null, V1NodeSelectorTerm[]? affinity = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "agent", NamespaceProperty = "kube-system" },
        Spec = new V1DaemonSetSpec
        {
            Template = new V1PodTemplateSpec
            {
                Spec = new V1PodSpec
                {
                    NodeSelector = selector,
                    Tolerations = tolerations,
                    Affinity = affinity is null ? null : new V1Affinity { NodeAffinity = new V1NodeAffinity { RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = affinity } } },
                },
            },
        },
    };
}
