using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Cloud;

/// <summary>How long the simulated machines take, and the seed of every generated id and address.</summary>
public sealed record SimulatedCloudOptions
{
    public string Region { get; init; } = "us-west-2";

    /// <summary>How launched instances' private DNS names are made (<see cref="HostnameTypes"/>).</summary>
    public string HostnameType { get; init; } = HostnameTypes.IpName;

    /// <summary>EC2 <c>pending</c> to <c>running</c>.</summary>
    public TimeSpan InstanceStartTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>EC2 <c>shutting-down</c> (or <c>stopping</c>) to <c>terminated</c> (or <c>stopped</c>).</summary>
    public TimeSpan InstanceShutdownTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Launch to the kubelet registering its Node (never, for an image marked bad).</summary>
    public TimeSpan BootTime { get; init; } = NodeManifest.BootTime;

    public int Seed { get; init; } = 4242;
}
