using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Sandbox.Fleet;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// 1,000 idle Windows nodes whose kubelets post Node status and renew Leases: a compliant policy is woken only by what
/// can change its plan, and a look with no refresh under way costs at most ceil(G/100) + ceil(N/1000) + 1 AWS calls.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class IdleFleetTests(ITestOutputHelper output)
{
    private const int Groups = 10;
    private const int PerGroup = 100;

    [Fact]
    public async Task On_1000_idle_nodes_a_compliant_policy_reconciles_at_most_12_times_an_hour_with_at_most_the_bounded_AWS_calls_each()
    {
        var fleet = new FleetOptions
        {
            Groups =
            [
                .. Enumerable.Range(0, Groups).Select(g => new GroupOptions($"eks-windows-{g:D2}", NodeOs.Windows, PerGroup, MaxAgeDays: 20, FleetOptions.ManagedTag)),
                new GroupOptions("eks-linux-system", NodeOs.Linux, 2, MaxAgeDays: 20, new Dictionary<string, string>()),
            ],
        };
        await using var world = await OperatorInSandbox.StartAsync(output, fleet: fleet);
        await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
        await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True", "Compliant"), TimeSpan.FromMinutes(30), "a compliant policy");

        // 1. An hour of kubelet heartbeats on 1,000 nodes, counting the operator's reconciles and AWS calls.
        var reconciles = new List<DateTimeOffset>();
        var callsAtEnd = new List<int>();
        using var listener = new MeterListener();
        var factory = world.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "controller.reconciles" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            // One policy, one worker: the AWS calls between two reconciles' ends are the second one's.
            lock (reconciles)
            {
                reconciles.Add(world.Time.GetUtcNow());
                callsAtEnd.Add(world.AwsCalls.Calls.Count);
            }
        });
        listener.Start();
        var from = world.Time.GetUtcNow();
        var callsBefore = world.AwsCalls.Calls.Count;
        await world.RunForAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        listener.Dispose();

        var calls = world.AwsCalls.Calls.Skip(callsBefore).ToList();
        var bound = (int)(Math.Ceiling(Groups / 100.0) + Math.Ceiling(Groups * PerGroup / 1000.0) + 1);
        var perLook = callsAtEnd.Prepend(callsBefore).Zip(callsAtEnd, (before, after) => after - before).DefaultIfEmpty(0).Max();
        output.WriteLine($"reconciles in the hour: {reconciles.Count} at {string.Join(", ", reconciles.Select(r => (r - from).ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture)))}");
        output.WriteLine($"AWS calls in the hour: {calls.Count} ({string.Join(", ", calls.GroupBy(c => c.Action).Select(g => $"{g.Key} {g.Count()}"))}); most in one look: {perLook}; bound {bound}");

        Assert.InRange(reconciles.Count, 1, 12);
        Assert.InRange(perLook, 1, bound);
        Assert.True(calls.Count <= reconciles.Count * bound, $"{calls.Count} calls in {reconciles.Count} reconciles");
        Assert.DoesNotContain(calls, c => c.Action == "DescribeInstanceRefreshes");
        Assert.True(world.ConditionIs("windows-default", "Ready", "True", "Compliant"), world.Dump());
    }
}
