using System.Text.Json.Nodes;
using WindowsNodeOperator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.BadInput;

/// <summary>
/// Windows nodes the policy selects that are no EC2 instance of its groups: one without a providerID, one of another
/// cloud whose providerID ends in the id of a real instance of a managed group, one naming an instance EC2 does not have.
/// While the operator rolls a soaked AMI out to the real nodes, they are never counted, cordoned, drained or named to AWS,
/// and the loop goes on.
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
            Assert.DoesNotContain(world.OperatorEvents, e => e.Regarding == $"Node/{name}" || e.Note.Contains(name, StringComparison.Ordinal));
        }

        // Not named to AWS: the unknown instance in no call; the other cloud's node not counted as the instance its id ends in.
        Assert.DoesNotContain(world.AwsCalls.Calls, c => c.Parameters.Values.Any(v => v.Contains("i-0000000000000dead", StringComparison.Ordinal)));
        var status = world.Policy("windows-default")["status"]!;
        Assert.Equal(OperatorInSandbox.ManagedGroups.Sum(g => world.Nodes(g).Count), status["nodes"]!["total"]!.GetValue<int>());
        Assert.DoesNotContain(status["pendingReplacements"]?.AsArray() ?? [], p => p!["node"]!.GetValue<string>().StartsWith("win-", StringComparison.Ordinal));

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
