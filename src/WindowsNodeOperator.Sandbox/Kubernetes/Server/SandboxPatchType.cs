namespace WindowsNodeOperator.Sandbox.Kubernetes.Server;

/// <summary>The patch content types: JSON patch, JSON merge patch, strategic merge patch, server-side apply.</summary>
public enum SandboxPatchType
{
    Json,
    Merge,
    StrategicMerge,
    Apply,
}
