using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>Scenario 2: dry run and paused change nothing in AWS or the cluster, and still say what they would do.</summary>
[Collection(EndToEndScenarios.Name)]
public sealed class HandsOffTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dry_run_changes_nothing_and_reports_the_action_it_would_take()
    {
        await using var world = await HandsOffAsync("    dryRun: true\n");

        var ready = world.Condition("windows-default", "Ready")!;
        Assert.Equal("False", ready["status"]!.GetValue<string>());
        Assert.Equal("DryRun", ready["reason"]!.GetValue<string>());
        Assert.Contains("would", ready["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("eks-windows-", ready["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_changes_nothing_and_reports_what_is_due()
    {
        await using var world = await HandsOffAsync("    paused: true\n");

        var ready = world.Condition("windows-default", "Ready")!;
        Assert.Equal("False", ready["status"]!.GetValue<string>());
        Assert.Equal("Paused", ready["reason"]!.GetValue<string>());
    }

    /// <summary>Publishes a soaked AMI, applies the sample with <paramref name="disruption"/>, runs two hours, checks nothing changed.</summary>
    private async Task<OperatorInSandbox> HandsOffAsync(string disruption)
    {
        var world = await OperatorInSandbox.StartAsync(output);
        try
        {
            world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 0;
            world.Cluster.Cloud.Calls.Reset();

            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows(disruption));
            await world.RunForAsync(TimeSpan.FromHours(2));
            world.PrintTimeline();

            Assert.Empty(world.MutatingCloudCalls());
            Assert.DoesNotContain(world.Requests.Writes, w => w.TouchesCluster);
            Assert.Equal(0, world.Observers.MaxCordonedSeen);
            Assert.All(OperatorInSandbox.ManagedGroups.SelectMany(world.Nodes), n => Assert.False(FleetFacts.IsCordoned(n)));
            var status = world.Policy("windows-default")["status"]!;
            Assert.Equal(12, status["nodes"]!["drifted"]!.GetValue<int>());
            Assert.Equal(12, (status["pendingReplacements"] as JsonArray)!.Count);
            Assert.Contains(world.OperatorEvents, e => e.Reason == "AmiDrift");
            Assert.DoesNotContain(world.OperatorEvents, e => e.Reason is "LaunchTemplateUpdated" or "InstanceRefreshStarted" or "NodeCordoned");
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }
}
