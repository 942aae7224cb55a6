namespace WindowsNodeOperator.Planning;

/// <summary>The annotations and tags the planner reads.</summary>
internal static class OperatorAnnotations
{
    /// <summary>Set on a node the operator cordoned, so a restart knows whose cordon it is.</summary>
    public const string CordonedBy = "windowsnode.io/cordoned-by";

    /// <summary>On a node or a pod: <c>"true"</c> keeps the operator from taking the node.</summary>
    public const string DoNotDisrupt = "windowsnode.io/do-not-disrupt";

    public const string True = "true";

    /// <summary>The tag EKS puts on the Auto Scaling group of a managed node group.</summary>
    public const string EksNodeGroupTag = "eks:nodegroup-name";
}
