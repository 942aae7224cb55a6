using System.Text.Json.Serialization;
using WindowsNodeOperator.Sandbox.Controllers.Kubelet;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>The shape of the simulated EKS fleet the sandbox seeds: its Auto Scaling groups and workloads.</summary>
public sealed record FleetOptions
{
    public string ClusterName { get; init; } = "sandbox";
    public string Region { get; init; } = "us-west-2";
    public string KubernetesVersion { get; init; } = "1.31";

    /// <summary>Seeds the random spread of launch ages and addresses, so a seed always builds the same fleet.</summary>
    public int Seed { get; init; } = 20261123;

    public IReadOnlyList<GroupOptions> Groups { get; init; } =
    [
        new("eks-windows-a", NodeOs.Windows, Size: 6, MaxAgeDays: 60, Tags: ManagedTag),
        new("eks-windows-b", NodeOs.Windows, Size: 6, MaxAgeDays: 60, Tags: ManagedTag),
        new("eks-windows-legacy", NodeOs.Windows, Size: 2, MaxAgeDays: 60, Tags: new Dictionary<string, string>()),
        new("eks-linux-system", NodeOs.Linux, Size: 2, MaxAgeDays: 60, Tags: new Dictionary<string, string>()),
    ];

    public IReadOnlyList<WorkloadOptions> Workloads { get; init; } =
    [
        new("windows-apps", "iis-frontend", NodeOs.Windows, Replicas: 4, "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", MinAvailable: "3"),
        new("windows-apps", "orders-api", NodeOs.Windows, Replicas: 3, "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022", MaxUnavailable: "1", EmptyDir: true),
        new("kube-system", "coredns", NodeOs.Linux, Replicas: 2, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2", MaxUnavailable: "1", PriorityClassName: "system-cluster-critical"),
    ];

    /// <summary>
    /// EKS's own add-on DaemonSets, which select Linux nodes only: on Windows nodes kubelet and kube-proxy run as Windows
    /// services on the host (https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html), so a Windows node of
    /// the default fleet runs no DaemonSet pod at all.
    /// </summary>
    public IReadOnlyList<DaemonSetOptions> DaemonSets { get; init; } =
    [
        new("kube-system", "aws-node", NodeOs.Linux, "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.0-eksbuild.1"),
        new("kube-system", "kube-proxy", NodeOs.Linux, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.2-minimal-eksbuild.3"),
    ];

    /// <summary>DaemonSets a team commonly adds for its Windows nodes (metrics and logs); a fleet variant, never the default.</summary>
    public static IReadOnlyList<DaemonSetOptions> WindowsAgentDaemonSets { get; } =
    [
        new("monitoring", "windows-exporter", NodeOs.Windows, "ghcr.io/prometheus-community/windows-exporter:0.29.2"),
        new("logging", "fluent-bit-windows", NodeOs.Windows, "public.ecr.aws/aws-observability/aws-for-fluent-bit:windowsservercore-stable"),
    ];

    /// <summary>The default fleet with <see cref="WindowsAgentDaemonSets"/> added.</summary>
    public static FleetOptions WithWindowsAgents()
    {
        var fleet = new FleetOptions();
        return fleet with { DaemonSets = [.. fleet.DaemonSets, .. WindowsAgentDaemonSets] };
    }

    public FleetTimings Timings { get; init; } = new();

    /// <summary>
    /// How EC2 names the instances' hosts, and so their Nodes: <c>ip-name</c> (<c>ip-10-0-1-2.us-west-2.compute.internal</c>,
    /// the default) or <c>resource-name</c> (<c>i-0123456789abcdef0.us-west-2.compute.internal</c>); see <see cref="HostnameTypes"/>.
    /// </summary>
    public string HostnameType { get; init; } = HostnameTypes.IpName;

    /// <summary>
    /// Whether Nodes carry eksctl's <c>alpha.eksctl.io/nodegroup-name</c> label (on by default). Off for groups built by
    /// Terraform or CloudFormation with the EKS bootstrap script, whose Nodes carry no label naming their group.
    /// </summary>
    public bool NodeGroupLabels { get; init; } = true;

    /// <summary>Deprecate each seeded Windows AMI this many days after its release (null: never), as AWS retires old ones.</summary>
    public int? AmiDeprecationDays { get; init; }

    /// <summary>
    /// Make each seeded Windows AMI private this many days after its release (null: never), as EKS withdraws old Windows AMIs:
    /// the account then cannot describe or launch it, though instances running from it run on.
    /// </summary>
    public int? AmiPrivateDays { get; init; }

    /// <summary>The kubelets' heartbeats (Node status and Lease), on by default with the kubelet's intervals.</summary>
    public NodeHeartbeatOptions Heartbeats { get; init; } = new();

    /// <summary>
    /// Kubelets that stop posting status (kubelet, containerd or HNS wedged on a Windows host) while their instances keep
    /// running; none by default. See <see cref="KubeletOutageOptions"/>.
    /// </summary>
    public IReadOnlyList<KubeletOutageOptions> KubeletOutages { get; init; } = [];

    /// <summary>
    /// Names of Windows AMIs whose nodes register and turn Ready but run no pod: the pod sandbox (pause) image is broken,
    /// so every pod bound there stays ContainerCreating with FailedCreatePodSandBox warnings. None by default; see
    /// <see cref="PodSandboxFaults"/>.
    /// </summary>
    public IReadOnlyList<string> BrokenPodSandboxImages { get; init; } = [];

    /// <summary>The tag the sample policy selects groups by.</summary>
    public static IReadOnlyDictionary<string, string> ManagedTag { get; } =
        new Dictionary<string, string> { ["windowsnode.io/managed"] = "true" };
}

/// <summary>
/// One Auto Scaling group: its instances launched at ages spread evenly over 0 to <c>MaxAgeDays</c> days. With
/// <c>MixedInstances</c> the group launches through a mixed instances policy, its instances of the first override's type.
/// A Windows group runs the EKS-optimized AMIs of <c>WindowsVersion</c> (<c>2019</c>, <c>2022</c> or <c>2025</c>).
/// </summary>
public sealed record GroupOptions(
    string Name,
    NodeOs Os,
    int Size,
    int MaxAgeDays,
    IReadOnlyDictionary<string, string> Tags,
    string InstanceType = "m5.xlarge",
    GroupHardening? Hardening = null,
    GroupMixedInstances? MixedInstances = null,
    string WindowsVersion = "2022")
{
    /// <summary>The type the group's instances run: the first override's, else the launch template's.</summary>
    [JsonIgnore]
    public string LaunchedInstanceType => MixedInstances?.Overrides is [var first, ..] ? first.InstanceType : InstanceType;
}

/// <summary>
/// A Deployment (with its ReplicaSet and pods) pinned to one OS, and its PodDisruptionBudget when one is given.
/// <c>NodeSelector</c> adds labels its pods select (a Windows workload built for one version selects
/// <c>node.kubernetes.io/windows-build</c>, or a node group's label). <c>OnStop</c> says what its containers do when
/// stopped, within <c>TerminationGracePeriodSeconds</c> (the API's default, 30, when not given).
/// </summary>
public sealed record WorkloadOptions(
    string Namespace,
    string Name,
    NodeOs Os,
    int Replicas,
    string Image,
    string? MinAvailable = null,
    string? MaxUnavailable = null,
    string? PriorityClassName = null,
    bool EmptyDir = false,
    IReadOnlyDictionary<string, string>? NodeSelector = null,
    StopBehaviour OnStop = StopBehaviour.Exit,
    int TerminationGracePeriodSeconds = 30);

/// <summary>A DaemonSet with one pod on every node of its OS.</summary>
public sealed record DaemonSetOptions(string Namespace, string Name, NodeOs Os, string Image);

public enum NodeOs
{
    Windows,
    Linux,
}

/// <summary>
/// The kubelet of one node stops posting status <c>After</c> the sandbox starts, and stays stopped: the
/// <c>Node</c>-th node (0-based, by name) of group <c>Group</c> at that time.
/// </summary>
public sealed record KubeletOutageOptions(string Group, int Node, TimeSpan After);
