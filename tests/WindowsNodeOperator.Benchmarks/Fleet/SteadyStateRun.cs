using System.Diagnostics;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Benchmarks.Fleet;

/// <summary>
/// The operator's `run` as its own process against a sandbox served from this one (real clock, kubelet heartbeats on),
/// with the steady policy applied: after its first look settles, each further look is woken by a change to the policy's
/// annotations, and the AWS calls, API requests and CPU between them are divided by the reconciles its /metrics counts.
/// </summary>
internal static class SteadyStateRun
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private const int WarmUpLooks = 3;

    public static async Task<SteadyFigures> RunAsync(SandboxCluster cluster, Uri awsEndpoint, int looks, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(log);
        var dir = Directory.CreateTempSubdirectory("fleet-bench-").FullName;
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            cluster.Server.WriteKubeconfig(kubeconfig);
            cluster.Server.Store.Create(BenchmarkPolicies.Steady());
            using var run = OperatorProcess.Start(kubeconfig, awsEndpoint, cluster.Options.Region, cluster.Options.ClusterName);
            using var http = new HttpClient();
            try
            {
                var metrics = await run.MetricsAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                async Task<CostSample> SampleAsync() => CostSample.Take(
                    cluster, ReconcileCounter.Sum(await http.GetStringAsync(metrics, ct).ConfigureAwait(false)), ProcStats.Read(run.Id).Cpu);

                // 1. The first look (every list, every describe) and whatever follows it.
                await SettleAsync(cluster, SampleAsync, 1, ct).ConfigureAwait(false);
                var started = await SampleAsync().ConfigureAwait(false);
                var startupCpu = started.Cpu;
                await log.WriteLineAsync($"# run: first look settled after {started.Reconciles} reconcile(s), {started.Cpu.TotalSeconds:F1} s of CPU").ConfigureAwait(false);

                // 2. A few looks to warm up (JIT, tiered compilation, first-use caches), then idle: watch traffic from the kubelets' heartbeats and leader election's renewals, no reconcile.
                for (var look = 1; look <= WarmUpLooks; look++)
                {
                    Touch(cluster.Server.Store, -look);
                    started = await SettleAsync(cluster, SampleAsync, started.Reconciles + 1, ct).ConfigureAwait(false);
                }

                var idleClock = Stopwatch.StartNew();
                await Task.Delay(IdleWindow, ct).ConfigureAwait(false);
                var idle = await SampleAsync().ConfigureAwait(false);
                var idleMinutes = idleClock.Elapsed.TotalMinutes;
                var idleCpuPerMinute = (idle.Cpu - started.Cpu).TotalMilliseconds / idleMinutes;

                // 3. Steady looks, one at a time.
                var clock = Stopwatch.StartNew();
                var before = idle;
                var after = before;
                for (var look = 1; look <= looks; look++)
                {
                    Touch(cluster.Server.Store, look);
                    after = await SettleAsync(cluster, SampleAsync, before.Reconciles + look, ct).ConfigureAwait(false);
                }

                // 4. Idle again, so the background rate subtracted is the mean of before and after.
                var idleAgain = Stopwatch.StartNew();
                await Task.Delay(IdleWindow, ct).ConfigureAwait(false);
                var ended = await SampleAsync().ConfigureAwait(false);
                idleCpuPerMinute = ((idle.Cpu - started.Cpu) + (ended.Cpu - after.Cpu)).TotalMilliseconds / (idleMinutes + idleAgain.Elapsed.TotalMinutes);

                var reconciles = (int)(after.Reconciles - before.Reconciles);
                var cpu = (after.Cpu - before.Cpu).TotalMilliseconds - (idleCpuPerMinute * clock.Elapsed.TotalMinutes);
                var memory = ProcStats.Read(run.Id);
                return new SteadyFigures(
                    reconciles,
                    CostSample.Services.ToDictionary(s => s, s => (double)(after.AwsCalls[s] - before.AwsCalls[s]) / reconciles, StringComparer.Ordinal),
                    (double)(after.KubeRequests - before.KubeRequests) / reconciles,
                    Math.Max(0, cpu) / reconciles,
                    idleCpuPerMinute,
                    (idle.LeaseRequests - started.LeaseRequests) / idleMinutes,
                    startupCpu.TotalMilliseconds,
                    memory.PeakWorkingSetBytes / (1024.0 * 1024.0),
                    memory.WorkingSetBytes / (1024.0 * 1024.0),
                    after.PerReconcileSince(before, reconciles));
            }
            catch
            {
                await log.WriteLineAsync("# run's last output:\n" + run.Output).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Changes only an annotation: the policy's watch wakes one reconcile, which finds nothing else changed.</summary>
    private static void Touch(ISandboxStore store, int look) =>
        store.Patch(
            "windowsnode.io/v1alpha1", "windowsnodepolicies", null, BenchmarkPolicies.Name, SandboxPatchType.Merge,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["benchmark.windowsnode.io/look"] = look.ToString(System.Globalization.CultureInfo.InvariantCulture) } } });

    /// <summary>
    /// Waits until the operator's reconciles reach <paramref name="reconciles"/> and its AWS calls and API requests (counted
    /// by the sandbox, for free) stood still for a while; /metrics is scraped only then, so the scrapes cost it little.
    /// </summary>
    private static async Task<CostSample> SettleAsync(SandboxCluster cluster, Func<Task<CostSample>> sample, long reconciles, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var still = Stopwatch.StartNew();
        var last = Moves(cluster);
        while (deadline.Elapsed < Deadline)
        {
            await Task.Delay(Poll, ct).ConfigureAwait(false);
            var now = Moves(cluster);
            if (now != last)
            {
                last = now;
                still.Restart();
                continue;
            }

            if (still.Elapsed >= Quiet)
            {
                var taken = await sample().ConfigureAwait(false);
                if (taken.Reconciles >= reconciles)
                {
                    return taken;
                }

                still.Restart();
            }
        }

        throw new TimeoutException($"the operator did not reach {reconciles} reconcile(s) and settle within {Deadline}");
    }

    private static (long, long) Moves(SandboxCluster cluster) =>
        (cluster.Cloud.Calls.TotalCalls, cluster.Server.Requests.Snapshot().Where(r => r.Key.Verb != "WATCH" && r.Key.Resource != "leases").Sum(r => r.Value));
}
