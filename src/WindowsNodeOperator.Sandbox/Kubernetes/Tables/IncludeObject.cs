namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>What each table row carries besides its cells (the <c>includeObject</c> query parameter; kube's default is Metadata).</summary>
public enum IncludeObject
{
    None,
    Metadata,
#pragma warning disable CA1720 // Named after the includeObject query value "Object".
    Object,
#pragma warning restore CA1720
}
