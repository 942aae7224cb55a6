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
    /// <summary>Items of this look's AWS answers the adapters could not trust, to report once each.</summary>
    public IReadOnlyList<SkippedItem> Skipped { get; init; } = [];

    public bool AmiParameterInvalid => AmiParameterProblem is not null;

    /// <summary>
    /// The groups' instances in <paramref name="state"/>, as Auto Scaling lists them: the hooks follow Auto Scaling's answer,
    /// whether or not EC2 could describe the instance (one EC2 could not date must still be drained before it goes).
    /// </summary>
    public IEnumerable<(string Id, string Group)> InstancesIn(string state) =>
        Groups.SelectMany(g => g.Instances.Where(i => i.LifecycleState == state).Select(i => (i.InstanceId, g.Name)));

    public V1Node? NodeOfInstance(string instanceId) =>
        Nodes.FirstOrDefault(n => NodeReading.InstanceId(n) == instanceId);

    public V1Node? Node(string name) => Nodes.FirstOrDefault(n => n.Metadata?.Name == name);
}
