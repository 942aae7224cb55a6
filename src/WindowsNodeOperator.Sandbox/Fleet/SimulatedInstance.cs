namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// An EC2 instance of the simulated fleet and the name of the Node it registers as; <c>WindowsBuild</c> is the OS build of a
/// Windows instance's AMI (Windows Server 2022's when not known); <c>HostName</c> is its private DNS name; <c>ImageName</c> is
/// its AMI's name, when known.
/// </summary>
public sealed record SimulatedInstance(
    string InstanceId,
    string GroupName,
    NodeOs Os,
    string InstanceType,
    string AvailabilityZone,
    string PrivateIp,
    string ImageId,
    DateTimeOffset LaunchTime,
    string? WindowsBuild = null,
    string? HostName = null,
    string? ImageName = null)
{
    /// <summary>The instance's private DNS name (<see cref="HostName"/>; by default its IP name), as EKS names nodes.</summary>
    public string NodeName => HostName ?? HostnameTypes.Of(HostnameTypes.IpName, InstanceId, PrivateIp, AvailabilityZone[..^1]);

    public string ProviderId => $"aws:///{AvailabilityZone}/{InstanceId}";
}
