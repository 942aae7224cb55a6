using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>
/// The tags a group must carry for the operator of cluster <see cref="ClusterName"/> to act on it. The shipped IAM policy
/// grants writes only to groups carrying both, so a group without them would be refused half-way through a rollout; the
/// operator leaves it alone from the start instead, and says so.
/// </summary>
internal sealed record GroupOwnership(string ClusterName)
{
    /// <summary>The cluster's ownership tag key, <c>kubernetes.io/cluster/&lt;name&gt;</c>.</summary>
    public string ClusterTag => OperatorAnnotations.ClusterTagPrefix + ClusterName;

    /// <summary>The ownership tags <paramref name="group"/> lacks (or carries with another value), as <c>key=value</c>; empty when it is ours.</summary>
    public IReadOnlyList<string> Missing(GroupFacts group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var missing = new List<string>(2);
        if (group.Tags.GetValueOrDefault(OperatorAnnotations.ManagedTag) != OperatorAnnotations.True)
        {
            missing.Add($"{OperatorAnnotations.ManagedTag}={OperatorAnnotations.True}");
        }

        if (group.Tags.GetValueOrDefault(ClusterTag) != OperatorAnnotations.ClusterOwned)
        {
            missing.Add($"{ClusterTag}={OperatorAnnotations.ClusterOwned}");
        }

        return missing;
    }
}
