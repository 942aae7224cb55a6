namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>An EC2 instance of the simulated fleet and the name of the Node it registers as.</summary>
public sealed record SimulatedInstance(
    string InstanceId,
    string GroupName,
    NodeOs Os,
    string InstanceType,
    string AvailabilityZone,
    string PrivateIp,
    string ImageId,
    DateTimeOffset LaunchTime)
{
    public string NodeName => $"ip-{PrivateIp.Replace('.', '-')}.{AvailabilityZone[..^1]}.compute.internal";

    public string ProviderId => $"aws:///{AvailabilityZone}/{InstanceId}";
}
