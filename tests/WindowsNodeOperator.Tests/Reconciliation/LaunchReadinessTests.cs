using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Launch;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class LaunchReadinessTests
{
    private static readonly RefreshSpec Defaults = new();

    [Fact]
    public void A_Ready_windows_node_with_no_daemonset_to_run_is_launched()
    {
        Assert.Null(LaunchReadiness.WaitingFor(Node(), Defaults, [LinuxOnly("kube-system", "kube-proxy"), LinuxOnly("kube-system", "aws-node")], []));
    }

    [Fact]
    public void A_missing_or_NotReady_node_is_waited_for()
    {
        Assert.Equal("its Node to register", LaunchReadiness.WaitingFor(null, Defaults, [], []));
        Assert.Equal("node n-new to be Ready", LaunchReadiness.WaitingFor(Node(ready: false), Defaults, [], []));
    }

    [Fact]
    public void The_cloud_providers_uninitialized_taint_always_holds_the_node()
    {
        var node = Node(taints: [new V1Taint { Key = LaunchReadiness.UninitializedTaint, Effect = "NoSchedule", Value = "true" }]);

        Assert.Equal($"startup taint {LaunchReadiness.UninitializedTaint} to leave node n-new", LaunchReadiness.WaitingFor(node, Defaults, [], []));
    }

    [Fact]
    public void Startup_taints_and_readiness_labels_the_policy_names_hold_the_node_until_they_change()
    {
        var spec = new RefreshSpec
        {
            StartupTaints = ["agent.example.com/not-ready"],
            ReadinessLabels = new Dictionary<string, string> { ["agent.example.com/ready"] = "true" },
        };

        var tainted = Node(taints: [new V1Taint { Key = "agent.example.com/not-ready", Effect = "NoExecute" }]);
        Assert.Equal("startup taint agent.example.com/not-ready to leave node n-new", LaunchReadiness.WaitingFor(tainted, spec, [], []));
        Assert.Equal("label agent.example.com/ready=true on node n-new", LaunchReadiness.WaitingFor(Node(), spec, [], []));
        Assert.Equal("label agent.example.com/ready=true on node n-new", LaunchReadiness.WaitingFor(Node(labels: new() { ["agent.example.com/ready"] = "false" }), spec, [], []));
        Assert.Null(LaunchReadiness.WaitingFor(Node(labels: new() { ["agent.example.com/ready"] = "true" }), spec, [], []));

        // A taint the policy does not name is none of the gate's business.
        Assert.Null(LaunchReadiness.WaitingFor(Node(taints: [new V1Taint { Key = "os", Effect = "NoSchedule", Value = "windows" }]), Defaults, [], []));
    }

    [Fact]
    public void Every_daemonset_that_should_run_on_the_node_needs_a_Ready_pod_there()
    {
        DaemonSetList daemonSets = [WindowsOnly("monitoring", "windows-exporter"), WindowsOnly("logging", "fluent-bit")];

        Assert.Equal("DaemonSet monitoring/windows-exporter to be Ready on node n-new", LaunchReadiness.WaitingFor(Node(), Defaults, daemonSets, []));
        Assert.Equal(
            "DaemonSet logging/fluent-bit to be Ready on node n-new",
            LaunchReadiness.WaitingFor(Node(), Defaults, daemonSets, [Pod("monitoring", "windows-exporter", ready: true), Pod("logging", "fluent-bit", ready: false)]));

        // A Ready pod of the same name in another namespace is not the DaemonSet's.
        Assert.NotNull(LaunchReadiness.WaitingFor(Node(), Defaults, daemonSets, [Pod("monitoring", "windows-exporter", ready: true), Pod("default", "fluent-bit", ready: true)]));
        Assert.Null(LaunchReadiness.WaitingFor(Node(), Defaults, daemonSets, [Pod("monitoring", "windows-exporter", ready: true), Pod("logging", "fluent-bit", ready: true)]));
    }

    private sealed class DaemonSetList : List<V1DaemonSet>;

    private static V1Node Node(bool ready = true, List<V1Taint>? taints = null, Dictionary<string, string>? labels = null)
    {
        var all = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" };
        foreach (var (key, value) in labels ?? [])
        {
            all[key] = value;
        }

        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "n-new", Labels = all },
            Spec = new V1NodeSpec { Taints = taints },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
        };
    }

    private static V1DaemonSet WindowsOnly(string ns, string name) => DaemonSet(ns, name, "windows");

    private static V1DaemonSet LinuxOnly(string ns, string name) => DaemonSet(ns, name, "linux");

    private static V1DaemonSet DaemonSet(string ns, string name, string os) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DaemonSetSpec
        {
            Template = new V1PodTemplateSpec { Spec = new V1PodSpec { NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = os } } },
        },
    };

    private static V1Pod Pod(string ns, string daemonSet, bool ready) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = daemonSet + "-x",
            NamespaceProperty = ns,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "DaemonSet", Name = daemonSet, Uid = "u", Controller = true }],
        },
        Spec = new V1PodSpec { NodeName = "n-new" },
        Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };
}
