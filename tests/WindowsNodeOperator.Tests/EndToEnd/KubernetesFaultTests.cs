using System.Globalization;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The rollout of <see cref="NewAmiRolloutTests"/> (a soaked new AMI, the sample policy without windows, one node down at a
/// time) while the Kubernetes side misbehaves on the wire under the operator's client (<see cref="KubeFaults"/>, and
/// <see cref="OperatorRequests.Refuse"/> for a partition): watch streams cut, watches resumed after a compaction (410
/// Gone), 409 Conflict on status writes, API priority and fairness' 429 and 500s on evictions, the API server out of
/// reach for a minute mid-drain. For each: the policy ends Ready with every managed instance on the new AMI; one
/// refresh per group, successful and in the ledger; no node left cordoned or NotReady; no lifecycle action timed out;
/// no pod evicted twice; the safety observers (budgets, one node down) hold at every step.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class KubernetesFaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CutEvery = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(1);

    public static TheoryData<string> Faults => new()
    {
        "none",
        "watches cut every 3 min",
        "watches resumed after a compaction (410) every 3 min",
        "watches cut every 3 min, resumption answered HTTP 410",
        "409 on 30% of status writes",
        "429 (Retry-After) on 30% and 500 on 15% of evictions",
        "API server unreachable for 1 min mid-drain",
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_rollout_converges_with_nothing_missed_and_nothing_done_twice(string fault)
    {
        await using var world = await OperatorInSandbox.StartAsync(output);
        var faults = new KubeFaults(seed: 7);
        world.Requests.Faults = faults;
        var ami = world.Cluster.Cloud.PublishImage(
            world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
        world.Observers.MaxUnavailable = 1;
        var started = world.Time.GetUtcNow();
        var lastCut = started;
        DateTimeOffset? outageFrom = null;
        var refused = 0;
        var cordonedAtOutage = 0;

        switch (fault)
        {
            case "watches cut every 3 min, resumption answered HTTP 410":
                faults.GoneAfterCut = true;
                break;
            case "409 on 30% of status writes":
                faults.StatusConflictRate = 0.3;
                break;
            case "429 (Retry-After) on 30% and 500 on 15% of evictions":
                faults.EvictionThrottleRate = 0.3;
                faults.EvictionErrorRate = 0.15;
                break;
        }

        // Called before each step of the run: the faults that come and go with sandbox time.
        bool Tick()
        {
            var now = world.Time.GetUtcNow();
            if (fault.StartsWith("watches", StringComparison.Ordinal) && now - lastCut >= CutEvery)
            {
                if (fault.Contains("410", StringComparison.Ordinal))
                {
                    // etcd compaction: every resourceVersion the watches hold is now too old to resume from.
                    world.Store.CompactHistory();
                }

                world.Timeline.Note("test", $"{faults.CutWatches()} watch streams cut");
                lastCut = now;
            }

            if (fault.StartsWith("API server unreachable", StringComparison.Ordinal))
            {
                // Mid-drain: a node cordoned and a pod of it evicted.
                if (outageFrom is null && world.Requests.Writes.Any(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal) && w.Status is >= 200 and < 300)
                    && OperatorInSandbox.ManagedGroups.SelectMany(world.Nodes).Any(FleetFacts.IsCordoned))
                {
                    outageFrom = now;
                    cordonedAtOutage = OperatorInSandbox.ManagedGroups.SelectMany(world.Nodes).Count(FleetFacts.IsCordoned);
                    world.Requests.Refuse = _ => Interlocked.Increment(ref refused) > 0;
                    faults.CutWatches();
                    world.Timeline.Note("test", "the API server out of reach");
                }
                else if (outageFrom is { } from && world.Requests.Refuse is not null && now - from >= Outage)
                {
                    world.Requests.Refuse = null;
                    world.Timeline.Note("test", "the API server back");
                }
            }

            return true;
        }

        try
        {
            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            await world.RunUntilAsync(
                () => Tick() && world.Requests.Refuse is null && world.ConditionIs("windows-default", "Ready", "True")
                    && OperatorInSandbox.ManagedGroups.All(g => world.Instances(g).All(i => i.ImageId == ami)),
                TimeSpan.FromHours(16),
                $"the rollout with {fault}");
        }
        catch
        {
            world.PrintTimeline();
            throw;
        }

        var converged = world.Time.GetUtcNow() - started;

        RolloutFinished.Check(world, ami);
        var evictions = world.Requests.Writes.Where(w => w.Path.EndsWith("/eviction", StringComparison.Ordinal)).ToList();
        var accepted = evictions.Where(w => w.Status is >= 200 and < 300).ToList();

        if (fault.StartsWith("API server unreachable", StringComparison.Ordinal))
        {
            Assert.True(outageFrom is not null && cordonedAtOutage > 0, "the outage began with no drain under way");
        }

        // 4. A throttling 429 is a failed call, never a budget blocking the drain (the budgets here allow each eviction).
        var blocked = world.Logs.Lines.Where(l => l.Contains("blocked by PodDisruptionBudget", StringComparison.Ordinal)).ToList();
        Assert.True(blocked.Count == 0, string.Join("\n", blocked));

        // 5. A watch cut after running a while reconnects within the first or second backoff (1 s, 2 s: a quiet watch's own
        //    close may come just before a cut), never after one grown over the run's earlier cuts (up to 30 s).
        var backoffs = world.Logs.Lines.Where(l => l.Contains(": Watch of ", StringComparison.Ordinal) && l.Contains(" failed; retrying in ", StringComparison.Ordinal))
            .Select(l => TimeSpan.Parse(l.Split(" retrying in ")[1].Split(' ')[0], CultureInfo.InvariantCulture))
            .ToList();
        var longestBackoff = backoffs.Count == 0 ? TimeSpan.Zero : backoffs.Max();
        if (fault.StartsWith("watches", StringComparison.Ordinal))
        {
            Assert.True(longestBackoff <= TimeSpan.FromSeconds(2), $"a watch waited {longestBackoff} to reconnect");
        }

        var statusWrites = world.Requests.Writes.Where(w => w.Method == "PATCH" && w.Path.EndsWith("/status", StringComparison.Ordinal)).ToList();
        var relists = world.Logs.Lines.Count(l => l.Contains("expired (410 Gone)", StringComparison.Ordinal));
        var watchOpens = world.Requests.Reads.Count(r => r.Contains("watch=true", StringComparison.Ordinal));
        var figures = fault switch
        {
            "none" => $"{watchOpens} watches opened, {relists} re-lists after 410, {statusWrites.Count} status writes, {evictions.Count} evictions",
            _ when fault.StartsWith("watches", StringComparison.Ordinal) => $"{faults.WatchesCut} watch streams cut, {faults.Gone} HTTP 410s, {watchOpens} watches opened, "
                + $"{relists} re-lists after 410, {backoffs.Count} reconnects after a failure (longest wait {longestBackoff.TotalSeconds:F1}s)",
            _ when fault.StartsWith("409", StringComparison.Ordinal) => $"{faults.Conflicts} of {statusWrites.Count} status writes answered 409, "
                + $"{statusWrites.Count(w => w.Status is >= 200 and < 300)} landed",
            _ when fault.StartsWith("429", StringComparison.Ordinal) => $"{evictions.Count} evictions sent: {faults.Throttles} answered 429, {faults.Errors} answered 500, {accepted.Count} accepted",
            _ => $"out of reach from {outageFrom - started:hh\\:mm\\:ss} for {Outage.TotalSeconds:F0}s with {cordonedAtOutage} node cordoned, {refused} requests refused, "
                + $"{relists} re-lists after 410, {backoffs.Count} watch reconnects after a failure (longest wait {longestBackoff.TotalSeconds:F1}s)",
        };
        output.WriteLine($"| {fault} | {converged:hh\\:mm\\:ss} | {accepted.Count} | {figures} | wall {world.WallTime.TotalSeconds:F0}s |");
    }
}
