using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Benchmarks.Fleet;
using WindowsNodeOperator.Sandbox.Calls;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Two replicas of the operator's `run`, as two processes with their own identities (POD_NAME), kubeconfig tokens and AWS
/// access keys, against one sandbox program that prints every write with the client that made it. The leader is killed
/// with SIGKILL mid-drain: the other takes the Lease once it has expired (the Lease's own recorded times say when) and
/// finishes the rollout, with no step done twice and no write of its own before it led.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class TwoReplicaTests(ITestOutputHelper output)
{
    private const int Replaced = 6;
    private const int RetryPeriodSeconds = 2;
    private static readonly TimeSpan DrainWithin = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ReplaceWithin = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_leader_killed_mid_drain_is_succeeded_within_the_lease_by_the_other_replica_that_finishes_with_no_step_done_twice()
    {
        using var world = await SandboxProcesses.StartAsync("sandbox-fleet-small.json", "--speed", "3", "--print-writes");
        var a = new Replica(world, "replica-a", "AKIAREPLICAA00000000");
        var b = new Replica(world, "replica-b", "AKIAREPLICAB00000000");
        string? killed = null;
        try
        {
            var leader = a.Start();
            await leader.WaitForLineAsync("Started leading", SandboxProcesses.StartWithin);
            var standby = b.Start();
            await standby.WaitForLineAsync("Serving metrics", SandboxProcesses.StartWithin);

            await leader.WaitForLineAsync("Evicted pod", DrainWithin);
            var before = await LeaseAsync(world);
            killed = leader.Output;
            world.Kill(leader);

            await standby.WaitForLineAsync("Started leading", SandboxProcesses.StartWithin);
            await world.WaitReplacedAsync(Replaced, ReplaceWithin);
            var after = await LeaseAsync(world);
            var (accepted, refused) = await WireRolloutFinished.CheckAsync(world, Replaced);

            // 1. The Lease changed hands once, and not before it expired: the new holder acquired it at least a lease
            //    duration after the killed leader's last renewal seen, and within the retry periods it takes to notice.
            Assert.Equal(("replica-a", "replica-b"), (before.Holder, after.Holder));
            Assert.Equal(before.Transitions + 1, after.Transitions);
            var gap = (after.AcquireTime - before.RenewTime).TotalSeconds;
            Assert.InRange(gap, before.DurationSeconds, before.DurationSeconds + 3 * RetryPeriodSeconds);

            // 2. The standby wrote nothing (Events included) before its write that took the Lease; the leader nothing after.
            var writes = SandboxWrite.Parse(world.Sandbox.Output);
            var took = writes.First(w => b.Wrote(w) && w.IsLease && w.Succeeded).Index;
            Assert.DoesNotContain(writes, w => b.Wrote(w) && w.Index < took);
            Assert.DoesNotContain(writes, w => a.Wrote(w) && w.Index > took);
            var byA = writes.Count(w => a.Wrote(w) && !w.IsLease);
            var byB = writes.Count(w => b.Wrote(w) && !w.IsLease);
            Assert.True(writes.Any(w => a.Wrote(w) && w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Succeeded), "the leader evicted nothing before it was killed");
            Assert.True(byB > 0, "the second replica wrote nothing");

            output.WriteLine("| lease duration | last renewal seen → new acquisition | transitions | writes by the killed leader / its successor | evictions (refused) |");
            output.WriteLine($"| {before.DurationSeconds} s | {gap:0.0} s | {before.Transitions} → {after.Transitions} | {byA} / {byB} | {accepted} ({refused}) |");
        }
        finally
        {
            output.WriteLine("--- sandbox\n" + world.Sandbox.Output);
            output.WriteLine("--- replica-a (killed)\n" + killed);
            output.WriteLine("--- replica-b\n" + b.Run?.Output);
        }
    }

    private static async Task<LeaseRecord> LeaseAsync(SandboxProcesses world)
    {
        var read = await world.Kubectl.RunAsync("get", "lease", "-n", "kube-system", "windows-node-operator", "-o", "json");
        Assert.True(read.ExitCode == 0, read.ToString());
        var spec = JsonNode.Parse(read.Stdout)!["spec"]!;
        return new LeaseRecord(
            (string)spec["holderIdentity"]!,
            Time(spec["acquireTime"]),
            Time(spec["renewTime"]),
            (int?)spec["leaseTransitions"] ?? 0,
            (int)spec["leaseDurationSeconds"]!);
    }

    private static DateTimeOffset Time(JsonNode? value) => DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed record LeaseRecord(string Holder, DateTimeOffset AcquireTime, DateTimeOffset RenewTime, int Transitions, int DurationSeconds);

    /// <summary>One replica: its identity in the Lease, and the clients the sandbox names its writes by.</summary>
    private sealed class Replica(SandboxProcesses world, string name, string accessKeyId)
    {
        private readonly string _kubeconfig = world.KubeconfigWithToken($"{name}.kubeconfig", $"{name}-token");
        private readonly string _kubernetesClient = CallWatch.KubernetesClient($"Bearer {name}-token");

        public ChildProcess? Run { get; private set; }

        public ChildProcess Start() => Run = world.StartRun(
            new Dictionary<string, string?> { ["POD_NAME"] = name, ["AWS_ACCESS_KEY_ID"] = accessKeyId }, _kubeconfig);

        public bool Wrote(SandboxWrite write) => write.Client == _kubernetesClient || write.Client == "aws:" + accessKeyId;
    }
}
