using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// Finds the selected Windows nodes that are no EC2 instance: without a providerID, with another cloud's, or naming an
/// instance EC2 does not have. The planner already skips them (no group of the policy owns them); this says which and why.
/// A node of a group the policy does not select, or does not own, is an instance EC2 has: not reported; nor is a node still
/// joining (tainted <c>uninitialized</c>), whose providerID the cloud controller manager has yet to set.
/// </summary>
internal sealed class UnmatchedNodes(InstanceExistence existence)
{
    public async Task<IReadOnlyList<UnmatchedNode>> FindAsync(Gathered gathered, Plan plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(gathered);
        ArgumentNullException.ThrowIfNull(plan);
        var facts = gathered.Snapshot.Nodes.GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var listed = gathered.Snapshot.Instances.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var found = new List<UnmatchedNode>();
        var ask = new List<NodeFacts>();

        // 1. Only the nodes the plan judged and no group of the policy owns: Linux and unselected nodes never reach here.
        foreach (var verdict in plan.Nodes.Where(v => v.Unmanaged))
        {
            var node = facts[verdict.Name];
            if (node.Uninitialized)
            {
                // Joining: the cloud controller manager has not yet given it its providerID; it is its launching instance.
                continue;
            }

            if (string.IsNullOrEmpty(node.ProviderId))
            {
                found.Add(new UnmatchedNode { Node = node.Name, Reason = UnmatchedNodeReason.NoProviderID });
            }
            else if (node.InstanceId is null)
            {
                found.Add(new UnmatchedNode { Node = node.Name, Reason = UnmatchedNodeReason.NotAnEC2Instance, ProviderId = node.ProviderId });
            }
            else if (!listed.Contains(node.InstanceId))
            {
                ask.Add(node);
            }
        }

        // 2. An instance no described group lists may be another group's, or standalone, or just terminated: only EC2 can say
        //    it has no such instance at all.
        if (ask.Count > 0)
        {
            var missing = await existence.MissingAsync(ask.Select(n => n.InstanceId!).ToList(), ct).ConfigureAwait(false);
            found.AddRange(ask
                .Where(n => missing.Contains(n.InstanceId!))
                .Select(n => new UnmatchedNode { Node = n.Name, Reason = UnmatchedNodeReason.InstanceNotFound, ProviderId = n.ProviderId }));
        }

        return [.. found.OrderBy(n => n.Node, StringComparer.Ordinal)];
    }

    /// <summary>What the Warning event says of a node, once.</summary>
    public static string Describe(UnmatchedNode node) => node.Reason switch
    {
        UnmatchedNodeReason.NoProviderID =>
            $"node {node.Node} is selected by the policy but has no spec.providerID, so it is no EC2 instance the operator can replace; it is skipped",
        UnmatchedNodeReason.NotAnEC2Instance =>
            $"node {node.Node} is selected by the policy but its providerID {node.ProviderId} is not an EC2 instance's (aws:///<zone>/i-...); it is skipped",
        _ =>
            $"node {node.Node} is selected by the policy but its providerID {node.ProviderId} names an instance EC2 does not have, in none of the policy's groups; it is skipped",
    };
}
