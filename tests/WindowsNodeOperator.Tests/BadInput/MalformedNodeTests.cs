using System.Text.Json.Nodes;
using WindowsNodeOperator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.BadInput;

/// <summary>
/// Windows nodes the policy selects that are no EC2 instance of its groups: one without a providerID, one of another
/// cloud whose providerID ends in the id of a real instance of a managed group, one naming an instance EC2 does not have.
/// While the operator rolls a soaked AMI out to the real nodes, they are never counted, cordoned, drained or named in a
/// write to AWS, and the loop goes on; each is reported once (a Warning event on the policy, and the status), across a
/// restart too, and the seeded fleet's other nodes (an unselected group's Windows nodes, the Linux ones) are not.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class MalformedNodeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nodes_that_are_no_instance_of_the_groups_are_skipped_never_acted_on_and_the_loop_goes_on()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        (string Name, string? ProviderId)[] malformed =
        [
            ("win-no-provider", null),
            ("win-other-cloud", $"gce://project/us-central1-a/{world.Instances("eks-windows-a")[0].InstanceId}"),
            ("win-unknown-instance", "aws:///us-east-1a/i-0000000000000dead"),
        ];
        foreach (var (name, provider) in malformed)
        {
            world.Store.Create(Node(name, provider));
        }

        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        try
        {
            // The loop is alive and acting on the real nodes: a refresh starts and a node is cordoned for it.
            await world.RunUntilAsync(
                () => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted") && world.Store.List("v1", "nodes").Any(n => n["spec"]?["unschedulable"]?.GetValue<bool>() == true),
                TimeSpan.FromHours(4),
                "a refresh and a cordon on the real nodes");
            await world.RunForAsync(TimeSpan.FromHours(1));

            // A new operator reads what the last one reported from the status: nothing is reported again.
            await world.RestartOperatorAsync();
            await world.RunForAsync(TimeSpan.FromHours(2));
        }
        finally
        {
            world.PrintTimeline();
        }

        foreach (var (name, provider) in malformed)
        {
            var node = world.Store.Find("v1", "nodes", null, name) ?? throw world.Fail($"{name} is gone");
            Assert.NotEqual(true, node["spec"]?["unschedulable"]?.GetValue<bool>());
            Assert.Null(node["metadata"]?["annotations"]?["windowsnode.io/cordoned-by"]);
            Assert.DoesNotContain(world.OperatorEvents, e => e.Regarding == $"Node/{name}");
            Assert.DoesNotContain(world.OperatorEvents, e => e.Reason != "NodeUnmatched" && e.Note.Contains(name, StringComparison.Ordinal));
        }

        // Reported once each over the whole run, restart included: one Warning event on the policy naming the node and why,
        // never repeated (no second event, no series on the first), and no other node reported.
        var reports = world.OperatorEvents.Where(e => e.Reason == "NodeUnmatched").ToList();
        Assert.All(reports, e => Assert.Equal(("Warning", "WindowsNodePolicy/windows-default"), (e.Type, e.Regarding)));
        Assert.Equal(3, reports.Count);
        Assert.Contains("win-no-provider is selected by the policy but has no spec.providerID", Assert.Single(reports, e => e.Note.Contains("win-no-provider ", StringComparison.Ordinal)).Note, StringComparison.Ordinal);
        Assert.Contains("is not an EC2 instance's", Assert.Single(reports, e => e.Note.Contains("win-other-cloud ", StringComparison.Ordinal)).Note, StringComparison.Ordinal);
        Assert.Contains("names an instance EC2 does not have", Assert.Single(reports, e => e.Note.Contains("win-unknown-instance ", StringComparison.Ordinal)).Note, StringComparison.Ordinal);
        var stored = world.Store.List("events.k8s.io/v1", "events", "default").Where(e => e["reason"]?.GetValue<string>() == "NodeUnmatched").ToList();
        Assert.Equal(3, stored.Count);
        Assert.All(stored, e => Assert.True(e["series"] is null, e.ToJsonString()));

        // Not written to AWS: the unknown instance only in the reads that ask EC2 whether it exists, about one an hour; the
        // other cloud's node not counted as the instance its id ends in.
        var named = world.AwsCalls.Calls.Where(c => c.Parameters.Values.Any(v => v.Contains("i-0000000000000dead", StringComparison.Ordinal))).ToList();
        Assert.All(named, c => Assert.Equal("DescribeInstances", c.Action[(c.Action.LastIndexOf('.') + 1)..]));
        Assert.InRange(named.Count, 1, 6);
        output.WriteLine($"DescribeInstances naming the unknown instance: {named.Count}, over {world.Time.GetUtcNow() - OperatorInSandbox.Epoch} of sandbox time");
        var status = world.Policy("windows-default")["status"]!;
        Assert.Equal(OperatorInSandbox.ManagedGroups.Sum(g => world.Nodes(g).Count), status["nodes"]!["total"]!.GetValue<int>());
        Assert.DoesNotContain(status["pendingReplacements"]?.AsArray() ?? [], p => p!["node"]!.GetValue<string>().StartsWith("win-", StringComparison.Ordinal));

        // The status counts and names them, level-based; the policy is not Degraded for them.
        Assert.Equal(3, status["nodes"]!["unmatched"]!.GetValue<int>());
        var listed = status["unmatchedNodes"]!.AsArray().Select(n => (n!["node"]!.GetValue<string>(), n["reason"]!.GetValue<string>())).ToList();
        Assert.Equal([("win-no-provider", "NoProviderID"), ("win-other-cloud", "NotAnEC2Instance"), ("win-unknown-instance", "InstanceNotFound")], listed);
        Assert.True(world.ConditionIs("windows-default", "Degraded", "False"), world.Condition("windows-default", "Degraded")?.ToJsonString());
    }

    private static JsonObject Node(string name, string? providerId)
    {
        var spec = new JsonObject();
        if (providerId is not null)
        {
            spec["providerID"] = providerId;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["kubernetes.io/os"] = "windows", ["kubernetes.io/hostname"] = name },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.31.0", ["osImage"] = "Windows Server 2022 Datacenter" },
            },
        };
    }
}
