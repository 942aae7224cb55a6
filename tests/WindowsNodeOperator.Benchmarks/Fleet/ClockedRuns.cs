using System.Globalization;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Fleet;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>The figures read on the sandbox's clock, with the operator in-process on the same fake clock.</summary>
internal static class ClockedRuns
{
    /// <summary>Between steps the clock moves at most this much when all is quiet: the kubelets' heartbeat interval.</summary>
    private static readonly TimeSpan HeartbeatStep = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RolloutWarmup = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The steady policy with a soak long enough that the new AMI is not yet the target, and maxNodeAge (in whole hours)
    /// chosen so that the oldest compliant node crosses it within the hour; then one hour of clock with heartbeats on
    /// every node. Detection: from the crossing to the first Event naming the node, or the first status that counts it expired.
    /// </summary>
    public static async Task<IdleFigures> IdleHourAsync(FleetShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        await using var world = await ClockedWorld.StartAsync(shape.ToOptions()).ConfigureAwait(false);
        const int probeAgeDays = 365;
        await world.ApplyAsync(BenchmarkPolicies.Steady($"{probeAgeDays}d", "720h")).ConfigureAwait(false);
        var now = world.Time.GetUtcNow();
        double? latency = null;
        var detectedBy = "none";
        var hours = 0;
        DateTimeOffset? crossing = null;
        string? node = null;
        if (NextExpiry(world.Policy()) is { } probe)
        {
            var oldestCompliant = probe - TimeSpan.FromDays(probeAgeDays);
            node = world.Cluster.Fleet.Instances.FirstOrDefault(i => i.LaunchTime == oldestCompliant)?.NodeName;
            hours = (int)Math.Floor((now - oldestCompliant).TotalHours) + 1;
            crossing = oldestCompliant + TimeSpan.FromHours(hours);
            await world.PatchSpecAsync(new JsonObject { ["maxNodeAge"] = $"{hours}h" }).ConfigureAwait(false);
        }

        // Drifted nodes cross maxNodeAge during the hour too: the status counts only after the crossing, against the count just before it.
        var expiredBefore = Expired(world.Policy());
        DateTimeOffset? seen = null;
        void OnChange(object? sender, SandboxWatchEvent change)
        {
            if (seen is not null || crossing is null)
            {
                return;
            }

            var obj = change.Resource;
            var kind = obj["kind"]?.GetValue<string>();
            var now = world.Time.GetUtcNow();
            if (kind == "Event" && obj["reason"]?.GetValue<string>() == "NodeExpired" && (obj["regarding"] ?? obj["involvedObject"])?["name"]?.GetValue<string>() == node)
            {
                seen = now;
                detectedBy = "a NodeExpired event for it";
            }
            else if (kind == "WindowsNodePolicy" && now < crossing)
            {
                expiredBefore = Expired(obj);
            }
            else if (kind == "WindowsNodePolicy" && Expired(obj) > expiredBefore)
            {
                seen = now;
                detectedBy = "the policy's status counting one more expired node (the status lists only the 50 oldest nodes due, so no event names it)";
            }
        }

        // Every managed node crossing maxNodeAge in the hour is a look the planner asks for (Requeue: exactly at the crossing).
        var maxNodeAge = TimeSpan.FromHours(hours);
        var end = now + TimeSpan.FromHours(1);
        var crossings = world.Cluster.Fleet.Instances
            .Where(i => i.Os == NodeOs.Windows && i.LaunchTime + maxNodeAge > now && i.LaunchTime + maxNodeAge <= end)
            .Select(i => i.LaunchTime + maxNodeAge)
            .ToList();

        world.Store.Changed += OnChange;
        var reconciles = world.Reconciles;
        var beats = world.Cluster.Controllers!.HeartbeatWrites;
        await world.RunToAsync(now + TimeSpan.FromHours(1), HeartbeatStep).ConfigureAwait(false);
        world.Store.Changed -= OnChange;
        if (seen is { } at && crossing is { } crossed)
        {
            latency = (at - crossed).TotalMilliseconds;
        }

        return new IdleFigures(
            world.Reconciles - reconciles, world.Cluster.Controllers.HeartbeatWrites - beats, latency, detectedBy, $"{hours}h", crossing - now,
            crossings.Count, crossings.Distinct().Count());
    }

    /// <summary>
    /// Every node replaced (the new AMI is past its soak): from applying the rollout policy to Ready. The ideal for the same
    /// budget: the batches 10% of the nodes allow, each a drain (immediate in the sandbox: evictions are allowed at once and
    /// pods have no grace period), the instance's shutdown, a boot, and the warm-up.
    /// </summary>
    public static async Task<ComplianceFigures> ComplianceAsync(FleetShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var fleet = shape.ToOptions();
        await using var world = await ClockedWorld.StartAsync(fleet).ConfigureAwait(false);
        var start = world.Time.GetUtcNow();
        await world.ApplyAsync(BenchmarkPolicies.Rollout(shape.Groups, $"{RolloutWarmup.TotalMinutes:0}m")).ConfigureAwait(false);
        var done = await world.RunUntilAsync(() => IsCompliant(world.Policy()), TimeSpan.FromHours(48), TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        var budget = Math.Max(1, shape.Nodes / 10);
        var perBatch = fleet.Timings.InstanceShutdown + fleet.Timings.InstanceBoot + RolloutWarmup;
        return new ComplianceFigures(shape.Nodes, shape.Groups, FleetShape.Ceiling(shape.Nodes, budget), perBatch, world.Time.GetUtcNow() - start, done);
    }

    private static DateTimeOffset? NextExpiry(JsonObject policy) =>
        policy["status"]?["nextExpiry"]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    private static long Expired(JsonObject policy) => Long(policy["status"]?["nodes"]?["expired"]);

    private static long Long(JsonNode? node) =>
        node is JsonValue value ? value.TryGetValue<long>(out var l) ? l : value.TryGetValue<int>(out var i) ? i : 0 : 0;

    private static bool IsCompliant(JsonObject policy)
    {
        var nodes = policy["status"]?["nodes"];
        var ready = (policy["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready");
        return ready?["status"]?.GetValue<string>() == "True"
            && nodes is not null
            && Long(nodes["expired"]) == 0
            && Long(nodes["drifted"]) == 0
            && Long(policy["status"]?["observedGeneration"]) == Long(policy["metadata"]?["generation"]);
    }
}
