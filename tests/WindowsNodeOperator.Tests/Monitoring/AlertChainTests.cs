using System.Diagnostics;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;
using WindowsNodeOperator.Tests.EndToEnd;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>
/// The shipped alerts through the real Prometheus and Alertmanager to a webhook: a bad AMI, a drain a
/// PodDisruptionBudget blocks, the operator stopped. The operator runs in-process against the sandbox (its clock
/// stepped); Prometheus and Alertmanager run on real time, so each wait polls up to a deadline.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class AlertChainTests(ITestOutputHelper output)
{
    private const string Policy = "windows-default";

    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_bad_AMI_a_blocked_drain_and_the_operator_stopping_each_deliver_their_alert()
    {
        var wall = Stopwatch.StartNew();
        await using var chain = await AlertChain.StartAsync(shortFor: TimeSpan.FromSeconds(2));
        try
        {
            await BadAmiAsync(chain);
            await BlockedDrainAndStopAsync(chain);
        }
        catch
        {
            output.WriteLine(await chain.DiagnoseAsync());
            output.WriteLine(chain.Output);
            throw;
        }
        finally
        {
            output.WriteLine($"alert chain: {wall.Elapsed}; delivered: {string.Join(", ", chain.Receiver.Alerts)}");
        }
    }

    private async Task BadAmiAsync(AlertChain chain)
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        await using var metrics = new OperatorMetricsEndpoint(world.Services, chain.MetricsPort);
        await metrics.StartAsync();
        var bad = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2), bad: true);
        world.Observers.MaxUnavailable = 1;

        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunUntilAsync(() => world.ConditionIs(Policy, "Degraded", "True", "RefreshFailed"), TimeSpan.FromHours(4), "Degraded/RefreshFailed");

        var alert = await DeliveredAsync(chain, 
            a => a.Name == "WindowsNodeRefreshFailed" && a.Firing && a.Labels["policy"] == Policy, "WindowsNodeRefreshFailed", Delivery);
        Assert.Contains(alert.Labels["group"], OperatorInSandbox.ManagedGroups);
        Assert.Equal("warning", alert.Labels["severity"]);
        Assert.EndsWith("docs/runbooks.md#windowsnoderefreshfailed", alert.Annotations["runbook_url"], StringComparison.Ordinal);
        Assert.Contains(alert.Labels["group"], alert.Annotations["summary"], StringComparison.Ordinal);
        output.WriteLine($"bad AMI {bad}: delivered {alert}");
    }

    private async Task BlockedDrainAndStopAsync(AlertChain chain)
    {
        var world = await OperatorInSandbox.StartAsync(output);
        var metrics = new OperatorMetricsEndpoint(world.Services, chain.MetricsPort);
        try
        {
            await metrics.StartAsync();
            await BlockAsync(world);
            await world.RunUntilAsync(() => world.ConditionIs(Policy, "Degraded", "True", "DrainBlocked"), TimeSpan.FromHours(4), "DrainBlocked");

            var blocked = await DeliveredAsync(chain, 
                a => a.Name == "WindowsNodeDrainBlocked" && a.Firing && a.Labels["policy"] == Policy, "WindowsNodeDrainBlocked", Delivery);
            Assert.EndsWith("docs/runbooks.md#windowsnodedrainblocked", blocked.Annotations["runbook_url"], StringComparison.Ordinal);

            // An hour of the sandbox later the drain is still blocked, and the alert still firing: never resolved.
            await world.RunForAsync(TimeSpan.FromHours(1));
            Assert.True(world.ConditionIs(Policy, "Degraded", "True", "DrainBlocked"), world.Dump());
            Assert.Contains(("WindowsNodeDrainBlocked", "firing"), await chain.PrometheusAlertsAsync());
            Assert.DoesNotContain(chain.Receiver.Alerts, a => a.Name == "WindowsNodeDrainBlocked" && !a.Firing);
        }
        finally
        {
            // The operator stops: its /metrics goes away with it.
            await metrics.DisposeAsync();
            await world.DisposeAsync();
        }

        var stopped = DateTimeOffset.UtcNow;
        var down = await DeliveredAsync(chain, 
            a => a.Name == "WindowsNodeOperatorDown" && a.Firing && a.ReceivedAt > stopped, "WindowsNodeOperatorDown after the stop", Delivery);
        Assert.Equal("critical", down.Labels["severity"]);
        Assert.EndsWith("docs/runbooks.md#windowsnodeoperatordown", down.Annotations["runbook_url"], StringComparison.Ordinal);
    }

    private static async Task<DeliveredAlert> DeliveredAsync(AlertChain chain, Func<DeliveredAlert, bool> match, string what, TimeSpan within)
    {
        try
        {
            return await chain.Receiver.WaitForAsync(match, what, within);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{await chain.DiagnoseAsync()}");
        }
    }

    /// <summary>A new AMI and the sample without windows; once the refresh runs, every workload budget allows nothing.</summary>
    private static async Task BlockAsync(OperatorInSandbox world)
    {
        world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunUntilAsync(() => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), TimeSpan.FromMinutes(10), "a refresh");
        world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "iis-frontend", SandboxPatchType.Merge,
            JsonNode.Parse("""{"spec":{"minAvailable":4}}""")!);
        world.Store.Patch("policy/v1", "poddisruptionbudgets", "windows-apps", "orders-api", SandboxPatchType.Merge,
            JsonNode.Parse("""{"spec":{"maxUnavailable":0}}""")!);
        world.Observers.Rebaseline();
    }
}
