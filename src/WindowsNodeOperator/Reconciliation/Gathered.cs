using k8s.Models;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>The snapshot the planner reads, with the raw objects acting and reporting need beside it.</summary>
/// <param name="AmiParameterProblem">The SSM parameter the policy names does not exist or holds no AMI id: a spec problem, said for a person.</param>
/// <param name="FinishedRefreshes">The operator's refreshes this look saw finish, to record in the ledger.</param>
/// <param name="FamilyParameters">The SSM parameter read for each Windows family the policy's groups are to run.</param>
/// <param name="Unmatched">Selected nodes that are no EC2 instance to be found, by name; null when not looked for (an invalid spec).</param>
internal sealed record Gathered(
    FleetSnapshot Snapshot,
    IReadOnlyList<AutoScalingGroup> Groups,
    IReadOnlyList<V1Node> Nodes,
    IReadOnlyList<V1DaemonSet> DaemonSets,
    string? AmiParameter,
    string? AmiParameterProblem,
    IReadOnlyDictionary<string, LedgerRefresh> FinishedRefreshes,
    IReadOnlyDictionary<WindowsAmiFamily, string>? FamilyParameters = null,
    IReadOnlyList<Api.UnmatchedNode>? Unmatched = null)
{
    public bool AmiParameterInvalid => AmiParameterProblem is not null;

    public V1Node? NodeOfInstance(string instanceId) =>
        Nodes.FirstOrDefault(n => NodeReading.InstanceId(n) == instanceId);

    public V1Node? Node(string name) => Nodes.FirstOrDefault(n => n.Metadata?.Name == name);
}
