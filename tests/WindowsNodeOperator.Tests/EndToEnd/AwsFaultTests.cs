using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The rollout of <see cref="NewAmiRolloutTests"/> with a share of every AWS call failing, each with one of the transient
/// faults drawn evenly: throttling, 500, 503, a reset before the call is processed, and an answer lost after it took effect
/// (the connection dropped, or no answer until the attempt's timeout). The fleet still converges, nothing is done twice
/// (a lost StartInstanceRefresh, CompleteLifecycleAction or CreateLaunchTemplateVersion included), nothing is left behind,
/// and the retries stay near what the rate predicts.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class AwsFaultTests(ITestOutputHelper output)
{
    private static readonly FaultKind[] Transient =
    [
        FaultKind.Throttling, FaultKind.InternalError, FaultKind.ServiceUnavailable,
        FaultKind.ConnectionReset, FaultKind.Timeout, FaultKind.NoAnswer,
    ];

    /// <summary>The sandbox time the rollout takes with no fault (measured by the 0 row; see docs/reliability.md).</summary>
    private static readonly TimeSpan Baseline = new(3, 48, 17);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public async Task With_this_share_of_AWS_calls_failing_the_rollout_converges_with_nothing_done_twice(double rate)
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        using var attempts = new AttemptCounter(world.Services.GetRequiredService<AwsCallMetrics>().Meter);
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        if (rate > 0)
        {
            world.Cluster.Cloud.Faults.SetMix(FaultInjector.AllOperations, rate, Transient);

            // The first template version and the first refresh take effect and their answers never come; the lifecycle
            // actions meet the mix, a lost answer among them (about a third of the faults).
            world.Cluster.Cloud.Faults.Set("ec2:CreateLaunchTemplateVersion", FaultKind.NoAnswer, remaining: 1);
            world.Cluster.Cloud.Faults.Set("autoscaling:StartInstanceRefresh", FaultKind.Timeout, remaining: 1);
        }

        var started = world.Time.GetUtcNow();
        try
        {
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            // The test's own look at the account goes through the faulted API too: only the policy is read until the end.
            await world.RunUntilAsync(
                () => world.ConditionIs("windows-default", "Ready", "True"),
                Bound(rate),
                $"the rollout with {rate:P0} of AWS calls failing");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }

        var took = world.Time.GetUtcNow() - started;
        var calls = world.Cluster.Cloud.Calls;
        var lost = string.Join(", ", new[] { "ec2:CreateLaunchTemplateVersion", "autoscaling:StartInstanceRefresh", "autoscaling:CompleteLifecycleAction" }
            .Select(op => $"{op[(op.IndexOf(':', StringComparison.Ordinal) + 1)..]} {calls.Faulted(op)}/{calls.Calls(op)}"));
        world.Cluster.Cloud.Faults.ClearAll();
        var (total, succeeded) = attempts.Read();

        // 1-4. Nothing missed, nothing done twice (a lost answer to StartInstanceRefresh, CreateLaunchTemplateVersion or
        //      CompleteLifecycleAction included), nothing left behind.
        RolloutFinished.Check(world, ami);

        // 5. Retries bounded: with a share p of attempts failing at random, a call needs p / (1 - p) failed attempts per
        //    success on average; allow twice that, and never more than the pipeline's attempts allow.
        var failedPerSuccess = (double)(total - succeeded) / succeeded;
        var expected = rate / (1 - rate);
        output.WriteLine($"| {rate:P0} | {took:hh\\:mm\\:ss} | {took.TotalMinutes / Baseline.TotalMinutes:F2}x | {world.AwsCalls.Calls.Count} | "
            + $"{calls.Snapshot().Keys.Sum(calls.Faulted)} | {failedPerSuccess:F2} (expected {expected:F2}) | {lost} | wall {world.WallTime.TotalSeconds:F0}s |");
        Assert.True(failedPerSuccess <= (2 * expected) + 0.05, $"{failedPerSuccess:F2} failed attempts per success at {rate:P0}");
        Assert.True(failedPerSuccess <= new AwsResilienceOptions().MaxAttempts - 1, $"{failedPerSuccess:F2} failed attempts per success");
    }

    // Faults add backoffs and reconcile retries; measured, even half the calls failing adds under 5% (docs/reliability.md).
    private static TimeSpan Bound(double rate) => Baseline * (1.05 + rate);

    /// <summary>Counts the operator's AWS attempts (<c>aws.calls</c>) and the successful ones.</summary>
    private sealed class AttemptCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;
        private long _succeeded;

        public AttemptCounter(Meter meter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == meter && instrument.Name == "aws.calls")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                Interlocked.Add(ref _total, value);
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome" && (string?)tag.Value == "success")
                    {
                        Interlocked.Add(ref _succeeded, value);
                    }
                }
            });
            _listener.Start();
        }

        public (long Total, long Succeeded) Read() => (Interlocked.Read(ref _total), Interlocked.Read(ref _succeeded));

        public void Dispose() => _listener.Dispose();
    }
}
