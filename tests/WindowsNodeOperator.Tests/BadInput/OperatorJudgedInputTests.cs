using WindowsNodeOperator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.BadInput;

/// <summary>
/// The invalid policies only the operator can judge (a time zone that does not exist, a cron the schema lets through, an
/// SSM parameter that holds no AMI id): kubectl applies them, and the running operator reports each as Degraded with
/// reason InvalidSpec naming the field, and changes nothing in AWS or the cluster, although a newer AMI is due.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class OperatorJudgedInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Each_is_accepted_then_reported_Degraded_InvalidSpec_naming_the_field_and_nothing_is_done()
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        world.Cluster.Cloud.Ssm.PutParameter(BadPolicies.WordParameter, "windows-latest");
        world.Cluster.Cloud.Ssm.PutParameter(BadPolicies.JsonParameter, """{"image_id":"latest","image_name":"Windows_Server-2022"}""");
        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 0;
        var before = world.MutatingCloudCalls();

        var apply = await world.Kubectl.RunWithInputAsync(
            string.Join("---\n", BadPolicies.ReportedByOperator.Select(r => r.Yaml)), "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        await world.RunForAsync(TimeSpan.FromHours(2));

        foreach (var row in BadPolicies.ReportedByOperator)
        {
            var degraded = world.Condition(row.Name, "Degraded") ?? throw world.Fail($"{row.Name}: no Degraded condition");
            Assert.True(
                degraded["status"]!.GetValue<string>() == "True" && degraded["reason"]!.GetValue<string>() == "InvalidSpec",
                $"{row.Name}: {degraded.ToJsonString()}");
            var message = degraded["message"]!.GetValue<string>();
            Assert.True(message.Contains(row.Field, StringComparison.Ordinal) && message.Contains(row.Reason, StringComparison.Ordinal), $"{row.Name}: {message}");
            output.WriteLine($"{row.Name}: {message}");
        }

        // Nothing done: the account's only mutating calls are the test's own two parameters, and no node was touched.
        Assert.Equal(new Dictionary<string, long> { ["ssm:PutParameter"] = 2 }, before);
        Assert.Equal(before, world.MutatingCloudCalls());
        Assert.All(world.Store.List("v1", "nodes"), n => Assert.NotEqual(true, n["spec"]?["unschedulable"]?.GetValue<bool>()));
    }
}
