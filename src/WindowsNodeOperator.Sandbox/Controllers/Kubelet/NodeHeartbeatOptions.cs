namespace WindowsNodeOperator.Sandbox.Controllers.Kubelet;

/// <summary>
/// How the simulated kubelets report that they are alive, with the kubelet's defaults (as on EKS):
/// https://kubernetes.io/docs/concepts/architecture/nodes/#node-heartbeats and
/// https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/.
/// </summary>
public sealed record NodeHeartbeatOptions
{
    /// <summary>Off: Node status and Leases are written only when something else changes them.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>kubelet <c>nodeStatusUpdateFrequency</c>: how often a kubelet computes its Node status and posts it if it changed.</summary>
    public TimeSpan NodeStatusUpdateFrequency { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>kubelet <c>nodeStatusReportFrequency</c>: how often a kubelet posts its Node status when nothing changed.</summary>
    public TimeSpan NodeStatusReportFrequency { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>kubelet <c>nodeLeaseDurationSeconds</c>; the Lease is renewed every quarter of it (10 s by default).</summary>
    public int NodeLeaseDurationSeconds { get; init; } = 40;

    public TimeSpan LeaseRenewInterval => TimeSpan.FromSeconds(NodeLeaseDurationSeconds / 4.0);
}
