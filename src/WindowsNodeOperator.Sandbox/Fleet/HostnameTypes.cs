namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// EC2's two hostname types and the private DNS names they give, which EKS nodes take as their names
/// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-naming.html): an IP name,
/// <c>ip-10-0-1-2.us-west-2.compute.internal</c>, or a resource name, <c>i-0123456789abcdef0.us-west-2.compute.internal</c>;
/// in us-east-1 the domain is <c>ec2.internal</c>.
/// </summary>
public static class HostnameTypes
{
    /// <summary>The private IPv4 address in the name: the default of every subnet.</summary>
    public const string IpName = "ip-name";

    /// <summary>The instance id in the name: a subnet's or launch template's <c>HostnameType</c> <c>resource-name</c>.</summary>
    public const string ResourceName = "resource-name";

    /// <summary>The private DNS name of an instance.</summary>
    public static string Of(string hostnameType, string instanceId, string privateIp, string region)
    {
        ArgumentNullException.ThrowIfNull(privateIp);
        var domain = Domain(region);
        return hostnameType == ResourceName ? $"{instanceId}.{domain}" : $"ip-{privateIp.Replace('.', '-')}.{domain}";
    }

    /// <summary>The region's internal domain: <c>ec2.internal</c> in us-east-1, <c>region.compute.internal</c> elsewhere.</summary>
    public static string Domain(string region) => region == "us-east-1" ? "ec2.internal" : $"{region}.compute.internal";
}
