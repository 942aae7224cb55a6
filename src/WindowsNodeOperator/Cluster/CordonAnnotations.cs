namespace WindowsNodeOperator.Cluster;

/// <summary>The annotations that mark a cordon as the operator's, so it only ever uncordons what it cordoned.</summary>
internal static class CordonAnnotations
{
    /// <summary>The name of the policy that cordoned the node.</summary>
    public const string CordonedBy = "windowsnode.io/cordoned-by";

    /// <summary>When the node was cordoned (RFC 3339, UTC); a drain's timeout counts from here.</summary>
    public const string CordonedAt = "windowsnode.io/cordoned-at";
}
