using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Everything the planner looks at for one policy, gathered by the reconciler at <see cref="Now"/>.</summary>
/// <param name="Nodes">Every node the reconciler saw; Linux nodes and nodes outside the selector are ignored.</param>
/// <param name="Groups">The Auto Scaling groups; those the policy does not select are ignored.</param>
/// <param name="AmiCacheExpiresAt">When the AMI catalog will look for a newer AMI again.</param>
/// <param name="FailedAmis">The AMIs the policy's ledger holds as failed: none is a target in any group of the policy.</param>
/// <param name="FamilyAmis">
/// The latest AMI of each Windows version and edition the policy's groups are to run (without <c>ami.ssmParameter</c>);
/// <see cref="LatestAmi"/> is then the one of the family most groups run, for status.
/// </param>
/// <param name="Ownership">
/// The ownership tags a group must carry to be acted on; the operator always gives them (its cluster's name is a required
/// setting). Null only for the read-only <c>plan</c> and <c>report</c> commands, which know no cluster name.
/// </param>
internal sealed record FleetSnapshot(
    WindowsNodePolicy Policy,
    DateTimeOffset Now,
    IReadOnlyList<NodeFacts> Nodes,
    IReadOnlyList<InstanceFacts> Instances,
    IReadOnlyList<GroupFacts> Groups,
    AmiLookup LatestAmi,
    DateTimeOffset? AmiCacheExpiresAt,
    IReadOnlyList<FailedAmiFacts>? FailedAmis = null,
    IReadOnlyDictionary<WindowsAmiFamily, AmiLookup>? FamilyAmis = null,
    GroupOwnership? Ownership = null);
