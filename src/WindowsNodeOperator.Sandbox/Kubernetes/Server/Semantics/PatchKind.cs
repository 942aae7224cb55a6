namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>The four patch content types kube-apiserver accepts.</summary>
internal enum PatchKind
{
    Json,
    Merge,
    StrategicMerge,
    Apply,
}
