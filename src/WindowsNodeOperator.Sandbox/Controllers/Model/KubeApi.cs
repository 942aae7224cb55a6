namespace WindowsNodeOperator.Sandbox.Controllers.Model;

/// <summary>The apiVersion and plural of each resource the controllers read or write.</summary>
internal static class KubeApi
{
    public const string Core = "v1";
    public const string Apps = "apps/v1";
    public const string Nodes = "nodes";
    public const string Pods = "pods";
    public const string ReplicaSets = "replicasets";
    public const string StatefulSets = "statefulsets";
    public const string DaemonSets = "daemonsets";
    public const string Deployments = "deployments";
    public const string Status = "status";
}
