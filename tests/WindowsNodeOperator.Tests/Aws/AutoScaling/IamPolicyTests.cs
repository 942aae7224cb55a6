using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class IamPolicyTests
{
    [Fact]
    public async Task The_shipped_iam_policy_allows_every_auto_scaling_action_the_client_sends()
    {
        var policy = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("manifests", "aws", "iam-policy.json")))!;
        var allowed = policy["Statement"]!.AsArray()
            .Where(s => (string?)s!["Effect"] == "Allow")
            .SelectMany(s => s!["Action"] is JsonArray actions ? actions.Select(a => (string)a!) : [(string)s["Action"]!])
            .ToHashSet(StringComparer.Ordinal);
        using var harness = ModelConformanceTests.EveryOperationHarness();
        await ModelConformanceTests.CallEveryOperationWithEveryOptionAsync(harness.Adapter);

        var sent = harness.Requests.Select(r => $"autoscaling:{r.Action}").Distinct().ToList();

        Assert.Equal(12, sent.Count);
        Assert.All(sent, action => Assert.Contains(action, allowed));
    }
}
