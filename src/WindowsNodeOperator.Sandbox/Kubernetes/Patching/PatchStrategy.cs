namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>How a strategic merge patch combines a field: replace it whole, or merge into it.</summary>
public enum PatchStrategy
{
    Replace,
    Merge,
}
