using System.Globalization;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Benchmarks;

/// <summary>How long one plan takes, and what it allocates, as the fleet grows.</summary>
internal static class PlannerBenchmark
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static void Run(TextWriter output)
    {
        output.WriteLine("planner: one plan for a policy over N Windows nodes in N/100 groups");
        foreach (var nodes in (int[])[100, 1_000, 5_000, 20_000])
        {
            var snapshot = Fleet(nodes);
            Plan? plan = null;
            var (perRun, bytes, runs) = Measure.Run(() => plan = Planner.Plan(snapshot));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {nodes,6} nodes: {perRun.TotalMilliseconds,8:F3} ms/plan, {bytes / 1024.0,9:F1} KiB/plan ({runs} runs; {plan!.Counts.Expired} expired, action {plan.Action.GetType().Name})"));
        }
    }

    private static FleetSnapshot Fleet(int size)
    {
        var random = new Random(size);
        var groups = new List<GroupFacts>();
        var nodes = new List<NodeFacts>(size);
        var instances = new List<InstanceFacts>(size);
        var tags = new Dictionary<string, string> { ["windowsnode.io/managed"] = "true" };
        for (var g = 0; g < Math.Max(1, size / 100); g++)
        {
            var name = $"group-{g:D4}";
            groups.Add(new GroupFacts(name, tags, 100, 0, 200, new LaunchTemplateRef($"lt-{g:D17}", null, "1"), "ami-old", null, null,
                LaunchTemplateImageName: "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.02.11"));
        }

        for (var i = 0; i < size; i++)
        {
            var id = $"i-{i:D17}";
            var group = groups[i % groups.Count].Name;
            var labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows" };
            nodes.Add(new NodeFacts($"node-{i}", labels, Ready: true, Unschedulable: false, id, new Dictionary<string, string>(), HasDoNotDisruptPod: false));
            instances.Add(new InstanceFacts(id, group, random.Next(2) == 0 ? "ami-old" : "ami-new", Now - TimeSpan.FromHours(random.Next(0, 60 * 24)), "InService"));
        }

        var policy = new WindowsNodePolicy
        {
            Metadata = new() { Name = "bench", Generation = 1 },
            Spec = new WindowsNodePolicySpec { AutoScalingGroups = new AutoScalingGroupSelector { Tags = tags } },
        };
        var latest = new AmiFound("ami-new", Now - TimeSpan.FromDays(3), Now);
        return new FleetSnapshot(
            policy, Now, nodes, instances, groups, latest, Now + TimeSpan.FromHours(1),
            FamilyAmis: new Dictionary<WindowsAmiFamily, AmiLookup> { [new WindowsAmiFamily(WindowsVersions.V2022, WindowsEdition.Core)] = latest });
    }
}
