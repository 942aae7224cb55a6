namespace WindowsNodeOperator.Hosting.Configuration;

/// <summary>The <c>Operator</c> section of the configuration: where the operator serves, how it finds the cluster, and how it logs.</summary>
internal sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>
    /// The name of the EKS cluster the operator runs in, as the IAM policy's <c>ClusterName</c>. Required: the operator acts
    /// only on Auto Scaling groups tagged <c>kubernetes.io/cluster/&lt;ClusterName&gt;=owned</c> and
    /// <c>windowsnode.io/managed=true</c>; without a name it would have to guess whose groups are whose.
    /// </summary>
    public string? ClusterName { get; set; }

    /// <summary>Prometheus <c>/metrics</c>.</summary>
    public string MetricsBindAddress { get; set; } = ":8080";

    /// <summary><c>/healthz</c> and <c>/readyz</c>.</summary>
    public string HealthProbeBindAddress { get; set; } = ":8081";

    /// <summary>
    /// <c>/healthz</c> fails once work has been due this long without finishing: longer than any reconcile takes, AWS
    /// retries included.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A kubeconfig file; empty means in-cluster (the pod's service account), else the usual kubeconfig lookup.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Run controllers only while holding the Lease, so replicas can stand by.</summary>
    public bool LeaderElect { get; set; } = true;

    public string LeaseName { get; set; } = "windows-node-operator";

    /// <summary>Where the Lease lives; defaults to the pod's own namespace (POD_NAMESPACE).</summary>
    public string? LeaseNamespace { get; set; } = Environment.GetEnvironmentVariable("POD_NAMESPACE");

    /// <summary><c>Simple</c> (one line per entry) or <c>Json</c> (one JSON object per line, for log collectors).</summary>
    public LogFormat LogFormat { get; set; } = LogFormat.Simple;
}
