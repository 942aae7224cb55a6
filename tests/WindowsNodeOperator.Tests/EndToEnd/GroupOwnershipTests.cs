using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The operator acts only on groups carrying both ownership tags of its cluster (<c>windowsnode.io/managed=true</c>,
/// <c>kubernetes.io/cluster/sandbox=owned</c>), the tags the shipped IAM policy grants writes on. A policy naming the two
/// managed groups, a group without the managed tag and a managed group of another cluster: a soaked new AMI rolls out to
/// the first two, and the others are reported and never touched.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class GroupOwnershipTests(ITestOutputHelper output)
{
    private const string Untagged = "eks-windows-legacy";
    private const string OtherCluster = "eks-windows-staging";

    private static readonly string Policy = OperatorInSandbox.SamplePolicyWithoutWindows().Replace(
        "    tags:\n      windowsnode.io/managed: \"true\"\n",
        $"    names: [eks-windows-a, eks-windows-b, {Untagged}, {OtherCluster}]\n",
        StringComparison.Ordinal);

    [Fact]
    public async Task Groups_without_the_ownership_tags_are_reported_and_never_touched_while_the_owned_ones_roll_out()
    {
        Assert.Contains(OtherCluster, Policy, StringComparison.Ordinal);
        var fleet = new FleetOptions();
        fleet = fleet with
        {
            Groups =
            [
                .. fleet.Groups,
                new GroupOptions(OtherCluster, NodeOs.Windows, Size: 2, MaxAgeDays: 60, Tags: new Dictionary<string, string>
                {
                    ["windowsnode.io/managed"] = "true",
                    ["kubernetes.io/cluster/staging"] = "owned",
                }),
            ],
        };
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        string[] unowned = [Untagged, OtherCluster];
        var instances = unowned.SelectMany(g => world.Instances(g)).Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var nodes = unowned.SelectMany(g => world.Nodes(g)).Select(FleetFacts.Name).ToList();
        Assert.Equal(4, instances.Count);
        Assert.Equal(4, nodes.Count);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(Policy);
        try
        {
            await world.RunUntilAsync(
                () => world.Policy("windows-default")["status"]?["nodes"]?["compliant"]?.GetValue<int>() == 12
                    && world.ConditionIs("windows-default", "Progressing", "False"),
                TimeSpan.FromHours(16),
                "the owned groups' rollout finished");
        }
        finally
        {
            world.PrintTimeline();
        }

        // 1. The owned groups rolled out as any rollout must.
        RolloutFinished.Check(world, ami);

        // 2. No write to AWS names an unowned group or one of its instances; their instances are the ones they had.
        var writes = world.AwsCalls.Calls.Where(c => c.IsWrite).ToList();
        Assert.NotEmpty(writes);
        Assert.DoesNotContain(writes, c => c.Parameters.Values.Any(v => unowned.Contains(v) || instances.Contains(v)));
        Assert.Equal(instances.Order(StringComparer.Ordinal), unowned.SelectMany(g => world.Instances(g)).Select(i => i.InstanceId).Order(StringComparer.Ordinal));

        // 3. Their nodes were never written to (no cordon, no annotation), and none is cordoned now.
        Assert.DoesNotContain(world.Requests.Writes, w => nodes.Any(n => w.Path.EndsWith($"/nodes/{n}", StringComparison.Ordinal)));
        Assert.All(unowned.SelectMany(world.Nodes), n => Assert.False(FleetFacts.IsCordoned(n)));

        // 4. Degraded names each group and the tags it lacks; the status counts only the owned groups' nodes.
        var degraded = world.Condition("windows-default", "Degraded")!;
        Assert.Equal("True", degraded["status"]!.GetValue<string>());
        Assert.Equal("GroupNotOwned", degraded["reason"]!.GetValue<string>());
        var message = degraded["message"]!.GetValue<string>();
        Assert.Contains($"Auto Scaling group {OtherCluster} lacks the ownership tag(s) kubernetes.io/cluster/sandbox=owned:", message, StringComparison.Ordinal);
        Assert.Contains($"Auto Scaling group {Untagged} lacks the ownership tag(s) windowsnode.io/managed=true:", message, StringComparison.Ordinal);
        Assert.Equal(12, world.Policy("windows-default")["status"]!["nodes"]!["total"]!.GetValue<int>());
    }
}
