using System.Diagnostics;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using WindowsNodeOperator.Sandbox.Cloud.Wire;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The whole operator on a seeded fleet: the sandbox in this process, the operator's `run` as its own process for the
/// costs per reconcile and memory, and in-process on the sandbox's fake clock for the figures read on that clock.
/// </summary>
internal static class FleetBenchmark
{
    /// <summary>Which parts run: the test suite's regression check leaves out the rollout, whose figure is a time.</summary>
    [Flags]
    public enum Parts
    {
        Steady = 1,
        IdleHour = 2,
        Compliance = 4,
        All = Steady | IdleHour | Compliance,
    }

    /// <summary>The rollout runs on at most this many nodes in two groups: on a stepped clock a rollout of 200 nodes already takes over a quarter of an hour.</summary>
    public const int ComplianceNodesAtMost = 40;

    public static async Task<FleetFigures> RunAsync(FleetShape shape, TextWriter output, Parts parts = Parts.All, int looks = 10)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var figures = new FleetFigures(output);
        figures.Note($"fleet: {shape.Nodes} Windows nodes in {shape.Groups} groups, {shape.PodsPerNode} pods per node behind PodDisruptionBudgets, ages 0-90 days, a new AMI published");
        figures.Add("fleet_nodes", shape.Nodes, "nodes");
        figures.Add("fleet_groups", shape.Groups, "groups");
        figures.Add("fleet_pods_per_node", shape.PodsPerNode, "pods");
        if (parts.HasFlag(Parts.Steady))
        {
            await SteadyAsync(shape, figures, output, looks).ConfigureAwait(false);
        }

        if (parts.HasFlag(Parts.IdleHour))
        {
            var idle = await ClockedRuns.IdleHourAsync(shape).ConfigureAwait(false);
            figures.Note($"on the sandbox's fake clock, operator in-process: one hour with every kubelet heartbeating ({idle.HeartbeatWrites} heartbeat writes)");
            figures.Note($"idle: {idle.Crossings} managed node(s) cross maxNodeAge during the hour, at {idle.CrossingTimes} distinct time(s); the rest of the looks are the resync and the AMI recheck");
            figures.Add("idle_reconciles_per_hour", idle.ReconcilesPerHour, "reconciles");
            figures.Note($"detection: maxNodeAge {idle.MaxNodeAge}, the oldest compliant node crossing it {idle.CrossingAfter?.TotalMinutes:F1} min into the hour, first seen by {idle.DetectedBy}");
            figures.Add("detection_latency_ms", idle.DetectionLatencyMs ?? double.NaN, "ms");
        }

        if (parts.HasFlag(Parts.Compliance))
        {
            var small = shape.Nodes <= ComplianceNodesAtMost
                ? shape
                : new FleetShape(ComplianceNodesAtMost, 2, shape.PodsPerNode);
            var rollout = await ClockedRuns.ComplianceAsync(small).ConfigureAwait(false);
            figures.Note($"time to compliance on {rollout.Nodes} nodes in {rollout.Groups} groups (fake clock, operator in-process): "
                + $"{rollout.Taken.TotalMinutes:F1} min against {rollout.Batches} batches x {rollout.PerBatch.TotalMinutes:F1} min (drain 0 + shutdown + boot + warm-up){(rollout.Done ? "" : "; NOT compliant within 48 h")}");
            figures.Add("compliance_fleet_nodes", rollout.Nodes, "nodes");
            figures.Add("time_to_compliance_minutes", rollout.Taken.TotalMinutes, "min");
            figures.Add("time_to_compliance_ideal_minutes", rollout.Ideal.TotalMinutes, "min");
            figures.Add("time_to_compliance_ratio", rollout.Done ? rollout.Ratio : double.NaN, "ratio");
        }

        return figures;
    }

    private static async Task SteadyAsync(FleetShape shape, FleetFigures figures, TextWriter output, int looks)
    {
        var crd = CrdFile.Read();
        var seeding = Stopwatch.StartNew();
        await using var cluster = await SandboxCluster.StartAsync(new SandboxApiServerOptions { CrdDocuments = [crd] }, shape.ToOptions()).ConfigureAwait(false);
        figures.Add("sandbox_seed_seconds", seeding.Elapsed.TotalSeconds, "s");
        figures.Add("fleet_pods", cluster.Fleet.Pods, "pods");
        await using var aws = await SimulatedAwsServer.StartAsync(cluster.Cloud).ConfigureAwait(false);
        var released = DateTimeOffset.UtcNow - TimeSpan.FromDays(2);
        cluster.Cloud.PublishImage(
            FleetParameters.WindowsAmi(cluster.Options.KubernetesVersion), $"Windows_Server-2022-English-Core-EKS_Optimized-{cluster.Options.KubernetesVersion}-{released:yyyy.MM.dd}", released);

        var steady = await SteadyStateRun.RunAsync(cluster, aws.BaseAddress, looks, output).ConfigureAwait(false);
        figures.Note($"`run` as its own process, real clock, steady policy (work due, window closed): {steady.Reconciles} reconciles woken by policy annotation changes");
        figures.Note($"per reconcile: {steady.Breakdown}");
        figures.Add("aws_calls_per_reconcile", steady.AwsCallsPerReconcileTotal, "calls");
        foreach (var (service, calls) in steady.AwsCallsPerReconcile)
        {
            figures.Add($"aws_calls_per_reconcile_{service}", calls, "calls");
        }

        figures.Add("aws_calls_lower_bound", shape.AwsCallsLowerBound, "calls");
        figures.Add("kube_requests_per_reconcile", steady.KubeRequestsPerReconcile, "requests");
        figures.Add("kube_lease_requests_per_minute", steady.LeaseRequestsPerMinute, "requests");
        figures.Add("cpu_ms_per_reconcile", steady.CpuMsPerReconcile, "ms");
        figures.Add("idle_cpu_ms_per_minute", steady.IdleCpuMsPerMinute, "ms");
        figures.Add("startup_cpu_ms", steady.StartupCpuMs, "ms");
        figures.Add("peak_working_set_mib", steady.PeakWorkingSetMib, "MiB");
        figures.Add("working_set_mib", steady.WorkingSetMib, "MiB");
    }
}
