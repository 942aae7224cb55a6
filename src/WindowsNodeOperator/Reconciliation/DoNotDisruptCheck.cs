using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// A pod annotated <c>windowsnode.io/do-not-disrupt</c> keeps its node. Pods are not cached, so only the nodes a
/// disruptive action would take have theirs read (field selector <c>spec.nodeName</c>); a node found protected is
/// marked in the snapshot and the policy planned again, until the action takes no node not yet read.
/// </summary>
internal sealed class DoNotDisruptCheck(IPodClient pods)
{
    /// <summary>More rounds than a plan has choices of this kind in practice; each reads only nodes not read before.</summary>
    private const int Rounds = 8;

    public async Task<(Gathered Gathered, Plan Plan)> ConfirmAsync(Gathered gathered, Plan plan, CancellationToken ct)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            // 1. Nothing disruptive, or every node it takes already read: the plan stands.
            var taken = Taken(plan).Where(read.Add).ToList();
            if (taken.Count == 0)
            {
                return (gathered, plan);
            }

            var protectedNodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in taken)
            {
                var onNode = await pods.ListPodObjectsOnNodeAsync(node, ct).ConfigureAwait(false);
                if (onNode.Any(NodeReading.DoNotDisrupt))
                {
                    protectedNodes.Add(node);
                }
            }

            if (protectedNodes.Count == 0)
            {
                return (gathered, plan);
            }

            // 2. Some opted out: plan again with what the pods say.
            var snapshot = gathered.Snapshot with
            {
                Nodes = gathered.Snapshot.Nodes.Select(n => protectedNodes.Contains(n.Name) ? n with { HasDoNotDisruptPod = true } : n).ToList(),
            };
            gathered = gathered with { Snapshot = snapshot };
            plan = Planner.Plan(snapshot);
        }

        return (gathered, plan);
    }

    /// <summary>The nodes the plan's action would take out of service.</summary>
    private static IEnumerable<string> Taken(Plan plan) => plan.Action switch
    {
        ReplaceInstance replace => [replace.Node],
        StartRefresh start => plan.Nodes.Where(n => n.Group == start.Group && (n.Drifted || n.Expired) && !n.CordonedByOperator).Select(n => n.Name),
        _ => [],
    };
}
