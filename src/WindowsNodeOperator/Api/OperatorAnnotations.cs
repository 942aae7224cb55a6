namespace WindowsNodeOperator.Api;

/// <summary>The annotations and tags the operator reads and writes: the one place each is named.</summary>
internal static class OperatorAnnotations
{
    /// <summary>On a node the operator cordoned: the name of the policy, so it only ever uncordons its own cordons.</summary>
    public const string CordonedBy = "windowsnode.io/cordoned-by";

    /// <summary>When the operator cordoned the node (RFC 3339, UTC); a drain's timeout counts from here.</summary>
    public const string CordonedAt = "windowsnode.io/cordoned-at";

    /// <summary>When a drain began on a node someone else had cordoned (RFC 3339, UTC); its timeout counts from here.</summary>
    public const string DrainStartedAt = "windowsnode.io/drain-started-at";

    /// <summary>When the operator last heartbeated the lifecycle action of the node's instance (RFC 3339, UTC).</summary>
    public const string HeartbeatAt = "windowsnode.io/lifecycle-heartbeat-at";

    /// <summary>On a node or a pod: <c>"true"</c> keeps the operator from taking the node.</summary>
    public const string DoNotDisrupt = "windowsnode.io/do-not-disrupt";

    public const string True = "true";

    /// <summary>The tag EKS puts on the Auto Scaling group of a managed node group.</summary>
    public const string EksNodeGroupTag = "eks:nodegroup-name";

    /// <summary>One of the two ownership tags: the group is the operator's to refresh (the shipped IAM policy's condition too).</summary>
    public const string ManagedTag = "windowsnode.io/managed";

    /// <summary>
    /// The other ownership tag is this prefix and the cluster's name, valued <see cref="ClusterOwned"/>: eksctl and the EKS node
    /// group templates tag a cluster's self-managed groups so.
    /// </summary>
    public const string ClusterTagPrefix = "kubernetes.io/cluster/";

    public const string ClusterOwned = "owned";

    /// <summary>The text of a time annotation.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time annotation read back, or null when absent or unreadable.</summary>
    public static DateTimeOffset? ReadTime(IReadOnlyDictionary<string, string>? annotations, string key) =>
        annotations?.GetValueOrDefault(key) is { } text
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
