namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// An EC2 instance of the simulated fleet and the name of the Node it registers as; <c>WindowsBuild</c> is the OS build of a
/// Windows instance's AMI (Windows Server 2022's when not known); <c>ImageName</c> is its AMI's name, when known.
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
    string? ImageName = null)
{
    public string NodeName => $"ip-{PrivateIp.Replace('.', '-')}.{AvailabilityZone[..^1]}.compute.internal";

    public string ProviderId => $"aws:///{AvailabilityZone}/{InstanceId}";
}
