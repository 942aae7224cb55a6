namespace WindowsNodeOperator.Sandbox.Fleet;

/// <summary>
/// How long the simulated machines and pods take. The defaults are what an EKS Windows fleet shows; a fleet file may
/// shorten them (as <c>hh:mm:ss</c>) so that a whole replacement runs in minutes of real time without a sped-up clock.
/// </summary>
public sealed record FleetTimings
{
    /// <summary>EC2 <c>pending</c> to <c>running</c>.</summary>
    public TimeSpan InstanceStart { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>EC2 <c>shutting-down</c> to <c>terminated</c>.</summary>
    public TimeSpan InstanceShutdown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Launch to the kubelet registering its Node: an EKS-optimized Windows AMI takes minutes to boot and join.</summary>
    public TimeSpan InstanceBoot { get; init; } = NodeManifest.BootTime;

    /// <summary>From binding to Running and Ready on a Windows node (Windows images pull slowly).</summary>
    public TimeSpan WindowsPodStart { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>From binding to Running and Ready on a Linux node.</summary>
    public TimeSpan LinuxPodStart { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registration to the cloud controller manager's node controller initializing the Node: setting <c>spec.providerID</c>
    /// and the zone, region and instance-type labels, and removing the <c>uninitialized</c> taint the kubelet registered it with.
    /// </summary>
    public TimeSpan NodeInitialization { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Registration to the kubelet posting <c>Ready=True</c> (a kubelet registers its Node before it is Ready).</summary>
    public TimeSpan NodeReady { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a terminated instance's Node stays NotReady before it is deleted (the node monitor grace period).</summary>
    public TimeSpan NodeDeletionGrace { get; init; } = TimeSpan.FromSeconds(40);
}
