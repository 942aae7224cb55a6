using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Cli.Report;

/// <summary>
/// The operator's own planner judges the nodes: for one kind of AMI (Windows version and edition), a policy that selects
/// every group found, ages against <c>--max-node-age</c>, and targets the latest AMI of that kind with no soak time.
/// </summary>
internal static class ReportVerdicts
{
    // A policy must name a group; with none in the account every node is unmanaged, and this name matches nothing.
    private const string NoGroup = "(no Auto Scaling group)";

    public static IReadOnlyDictionary<string, NodeVerdict> Judge(
        IReadOnlyList<NodeFacts> nodes,
        IReadOnlyList<InstanceFacts> instances,
        IReadOnlyList<AutoScalingGroup> groups,
        AmiLookup latest,
        WindowsAmiName? kind,
        string maxNodeAge,
        DateTimeOffset now)
    {
        var policy = new WindowsNodePolicy
        {
            Metadata = new() { Name = "report" },
            Spec = new WindowsNodePolicySpec
            {
                AutoScalingGroups = new AutoScalingGroupSelector { Names = groups.Count > 0 ? [.. groups.Select(g => g.Name)] : [NoGroup] },
                MaxNodeAge = maxNodeAge,
                Ami = new AmiSpec
                {
                    WindowsVersion = kind?.WindowsVersion ?? WindowsVersions.V2022,
                    Edition = kind?.Edition ?? WindowsEdition.Core,
                    SoakTime = "0s",

                    // The report judges every node against this one kind; it changes nothing.
                    AllowWindowsVersionChange = true,
                },
            },
        };
        var facts = groups
            .Select(g => new GroupFacts(g.Name, g.Tags, g.DesiredCapacity, g.MinSize, g.MaxSize, g.LaunchTemplate, null, null, null))
            .ToList();
        var family = new WindowsAmiFamily(policy.Spec.Ami.WindowsVersion!, policy.Spec.Ami.Edition!.Value);
        var plan = Planner.Plan(new FleetSnapshot(policy, now, nodes, instances, facts, latest, null, FamilyAmis: new Dictionary<WindowsAmiFamily, AmiLookup> { [family] = latest }));
        if (plan.Problems.Count > 0)
        {
            throw new AuditFailure($"--max-node-age: {string.Join("; ", plan.Problems.Select(p => p.Message))}");
        }

        return plan.Nodes.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }
}
