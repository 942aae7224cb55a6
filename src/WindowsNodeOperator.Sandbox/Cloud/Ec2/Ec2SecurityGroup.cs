namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>A security group as DescribeSecurityGroups reports it (inbound rules only; egress is left open).</summary>
public sealed record Ec2SecurityGroup(string GroupId, string GroupName, string Description, IReadOnlyList<Ec2IngressRule> Ingress)
{
    /// <summary>The group every simulated node carries: traffic from the cluster's own security group only.</summary>
    public static Ec2SecurityGroup Nodes { get; } = new("sg-0c1d2e3f4a5b60001", "eks-cluster-sg-sandbox", "EKS created security group applied to the nodes", []);

    /// <summary>What a node group with remote access enabled adds: RDP from anywhere.</summary>
    public static Ec2SecurityGroup RemoteAccess { get; } =
        new("sg-0c1d2e3f4a5b60002", "eksctl-sandbox-remoteAccess", "Allow RDP access to Windows nodes", [Ec2IngressRule.RdpFromAnywhere]);
}
