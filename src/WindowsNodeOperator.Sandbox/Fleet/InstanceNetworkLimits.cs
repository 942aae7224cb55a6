using System.Globalization;

namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// How many pods a node of an EC2 instance type takes, from its network interfaces. The VPC CNI on Linux gives pods the
/// secondary addresses of every interface: interfaces × (IPv4 addresses per interface − 1) + 2 (the host-network
/// aws-node and kube-proxy pods), as the EKS AMI's <c>eni-max-pods.txt</c> says
/// (https://github.com/awslabs/amazon-eks-ami/blob/main/nodeadm/internal/kubelet/eni-max-pods.txt). A Windows node uses
/// its primary interface only: IPv4 addresses per interface − 1, so 14 on m5.xlarge
/// (https://docs.aws.amazon.com/eks/latest/userguide/windows-support.html). Figures from
/// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html#AvailableIpPerENI.
/// </summary>
public static class InstanceNetworkLimits
{
    // Instance type: (network interfaces, IPv4 addresses per interface).
    private static readonly Dictionary<string, (int Interfaces, int AddressesPerInterface)> Limits = new(StringComparer.Ordinal)
    {
        ["t3.medium"] = (3, 6),
        ["t3.large"] = (3, 12),
        ["t3.xlarge"] = (4, 15),
        ["m5.large"] = (3, 10),
        ["m5.xlarge"] = (4, 15),
        ["m5.2xlarge"] = (4, 15),
        ["m5.4xlarge"] = (8, 30),
        ["m5a.xlarge"] = (4, 15),
        ["m6a.xlarge"] = (4, 15),
        ["m6i.large"] = (3, 10),
        ["m6i.xlarge"] = (4, 15),
        ["m6i.2xlarge"] = (4, 15),
        ["c5.large"] = (3, 10),
        ["c5.xlarge"] = (4, 15),
        ["r5.xlarge"] = (4, 15),
        ["g4dn.xlarge"] = (3, 10),
    };

    /// <summary>Whether the table knows the type; one it does not is treated as an m5.xlarge.</summary>
    public static bool Knows(string instanceType) => Limits.ContainsKey(instanceType);

    /// <summary>The node's allocatable <c>pods</c>, as its kubelet's <c>--max-pods</c> is set on EKS.</summary>
    public static int MaxPods(string instanceType, NodeOs os)
    {
        var (interfaces, addresses) = Limits.TryGetValue(instanceType, out var limits) ? limits : Limits["m5.xlarge"];
        return os == NodeOs.Windows ? addresses - 1 : (interfaces * (addresses - 1)) + 2;
    }

    /// <summary>As <see cref="MaxPods"/>, in the text form a Node's resource list carries.</summary>
    public static string MaxPodsText(string instanceType, NodeOs os) => MaxPods(instanceType, os).ToString(CultureInfo.InvariantCulture);
}
