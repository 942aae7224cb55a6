using WindowsNodeOperator.Sandbox.Controllers.Kubelet;
using WindowsNodeOperator.Sandbox.Fleet;

namespace WindowsNodeOperator.Sandbox.Controllers;

/// <summary>How the sandbox's simulated controllers behave: whether they run, and their delays.</summary>
public sealed record SandboxControllerOptions
{
    /// <summary>Off: the cluster only stores objects (nothing is scheduled, started or recreated).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>From binding to Running and Ready on a Windows node (Windows images pull slowly).</summary>
    public TimeSpan WindowsPodStartDelay { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>From binding to Running and Ready on a Linux node.</summary>
    public TimeSpan LinuxPodStartDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Registration to the cloud controller manager initializing the Node (providerID, cloud labels, taint removed); zero: at once.</summary>
    public TimeSpan NodeInitialization { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Registration to the kubelet posting Ready; zero: Ready as it registers.</summary>
    public TimeSpan NodeReady { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a terminated instance's Node stays (NotReady) before it is deleted.</summary>
    public TimeSpan NodeDeletionGrace { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// kube-controller-manager <c>--node-monitor-grace-period</c>: how long a node's kubelet may post nothing before the
    /// node lifecycle controller sets its conditions Unknown. 50 s since Kubernetes 1.32, 40 s before
    /// (https://github.com/kubernetes/kubernetes/pull/126287).
    /// </summary>
    public TimeSpan NodeMonitorGracePeriod { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>
    /// kube-apiserver <c>--default-unreachable-toleration-seconds</c>: how long a pod without a toleration of its own stays
    /// on an unreachable node before the taint eviction controller deletes it
    /// (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions).
    /// </summary>
    public TimeSpan DefaultUnreachableToleration { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The delays a fleet's timings give.</summary>
    public static SandboxControllerOptions From(FleetTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        return new()
        {
            WindowsPodStartDelay = timings.WindowsPodStart,
            LinuxPodStartDelay = timings.LinuxPodStart,
            NodeDeletionGrace = timings.NodeDeletionGrace,
            NodeInitialization = timings.NodeInitialization,
            NodeReady = timings.NodeReady,
        };
    }

    /// <summary>How often the running sandbox steps the controllers on its clock (changes also step them at once).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The kubelets' Node status and Lease heartbeats; null: as the fleet says (<c>FleetOptions.Heartbeats</c>).</summary>
    public NodeHeartbeatOptions? Heartbeats { get; init; }
}
