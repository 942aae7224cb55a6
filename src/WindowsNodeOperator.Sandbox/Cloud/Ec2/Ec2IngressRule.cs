namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>One inbound permission of a security group: a protocol (<c>tcp</c>, <c>-1</c> for all), a port range and source ranges.</summary>
public sealed record Ec2IngressRule(string Protocol, int? FromPort, int? ToPort, IReadOnlyList<string> CidrIpv4, IReadOnlyList<string> CidrIpv6)
{
    /// <summary>TCP 3389 from anywhere, as eksctl's <c>ssh.allow: true</c> opens it on Windows node groups.</summary>
    public static Ec2IngressRule RdpFromAnywhere { get; } = new("tcp", 3389, 3389, ["0.0.0.0/0"], ["::/0"]);
}
