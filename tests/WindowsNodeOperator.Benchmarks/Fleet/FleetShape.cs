using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The fleet a benchmark seeds: N Windows nodes in G tagged groups, P pods on each behind budgets, launch ages over 0 to 90 days.</summary>
internal sealed record FleetShape(int Nodes, int Groups, int PodsPerNode)
{
    private const string WindowsImage = "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022";

    /// <summary>
    /// One Auto Scaling describe per 100 groups (MaxRecords). EC2 is asked only about instances not yet seen in service, so a
    /// steady look needs no EC2 call; the first look reads one page per 1,000 instances (MaxResults).
    /// </summary>
    public int AwsCallsLowerBound => Ceiling(Groups, 100);

    public FleetOptions ToOptions() => new()
    {
        ClusterName = $"bench-{Nodes}",
        Seed = Nodes,
        Groups =
        [
            .. Enumerable.Range(1, Groups).Select(g => new GroupOptions($"eks-windows-{g:D3}", NodeOs.Windows, GroupSize(g), MaxAgeDays: 90, Tags: FleetOptions.ManagedTag)),
            new GroupOptions("eks-linux-system", NodeOs.Linux, Size: 2, MaxAgeDays: 30, Tags: new Dictionary<string, string>()),
        ],

        // P Deployments of one replica per Windows node, each with a PodDisruptionBudget: P pods on every Windows node.
        Workloads =
        [
            .. Enumerable.Range(1, PodsPerNode).Select(i => new WorkloadOptions($"apps-{i}", $"app-{i}", NodeOs.Windows, Replicas: Nodes, WindowsImage, MaxUnavailable: "10%")),
            new WorkloadOptions("kube-system", "coredns", NodeOs.Linux, Replicas: 2, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2", MaxUnavailable: "1"),
        ],
        DaemonSets =
        [
            new DaemonSetOptions("kube-system", "kube-proxy", NodeOs.Linux, "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.31.2-minimal-eksbuild.3"),
        ],
    };

    public static int Ceiling(int count, int per) => (count + per - 1) / per;

    private int GroupSize(int group) => (Nodes / Groups) + (group <= Nodes % Groups ? 1 : 0);
}
