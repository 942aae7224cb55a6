using System.Collections.Concurrent;
using k8s.Models;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Draining;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Reconciliation;

/// <summary>
/// The drains under way, one per terminating instance, in the background (a drain can take half an hour; a reconcile
/// must not). Each heartbeats its lifecycle action while it runs and completes it with CONTINUE once the node is
/// empty. What is only here in memory a restart rebuilds: the instance is still in Terminating:Wait in AWS.
/// </summary>
internal sealed class DrainCoordinator(
    Drainer drainer,
    IAutoScaling autoScaling,
    PolicyEvents events,
    ReconciliationMetrics metrics,
    TimeProvider time,
    ILogger<DrainCoordinator> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, DrainJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _beats = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public DrainJob? Find(string instanceId) => _jobs.GetValueOrDefault(instanceId);

    /// <summary>Whether any drain is under way, for any policy.</summary>
    public bool AnyRunning => _jobs.Values.Any(j => j.Running);

    public IReadOnlyList<DrainJob> Jobs(string policy) => _jobs.Values.Where(j => j.Policy == policy).ToList();

    /// <summary>Starts a drain unless one runs for the instance; a blocked one starts again.</summary>
    public void Start(WindowsNodePolicy policy, string group, string instanceId, V1Node node, DrainOptions options)
    {
        var job = _jobs.GetOrAdd(instanceId, _ => new DrainJob(policy.Metadata.Name, group, instanceId, node.Metadata.Name) { FirstStarted = time.GetUtcNow() });
        lock (job)
        {
            if (job.Running)
            {
                return;
            }

            job.Run = Task.Run(() => DrainAsync(policy, node, job, options, _stopping.Token));
        }
    }

    /// <summary>Keeps the lifecycle action of an instance that waits for the budget alive, at most every half hook timeout.</summary>
    public async Task HeartbeatIfDueAsync(string group, string instanceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_beats.TryGetValue(instanceId, out var last) && now - last < LifecycleHooks.DrainHeartbeat)
        {
            return;
        }

        await HeartbeatAsync(group, instanceId, ct).ConfigureAwait(false);
    }

    /// <summary>Lets the termination go on: used at once for an instance whose node never registered.</summary>
    public async Task CompleteAsync(string group, string instanceId, CancellationToken ct)
    {
        await autoScaling.CompleteLifecycleActionAsync(
            LifecycleActionTarget.ForInstance(group, LifecycleHooks.Drain, instanceId), LifecycleActionResult.Continue, ct).ConfigureAwait(false);
        _beats.TryRemove(instanceId, out _);
        ReconcilerLog.Completed(logger, instanceId, group, LifecycleHooks.Drain, "CONTINUE");
    }

    /// <summary>Forgets jobs of instances no longer waiting for a drain (terminated, or taken by someone else).</summary>
    public void Prune(string policy, IReadOnlySet<string> waiting)
    {
        foreach (var job in Jobs(policy).Where(j => !j.Running && !waiting.Contains(j.InstanceId)))
        {
            _jobs.TryRemove(job.InstanceId, out _);
            _beats.TryRemove(job.InstanceId, out _);
            metrics.DrainGone(job.InstanceId);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task DrainAsync(WindowsNodePolicy policy, V1Node node, DrainJob job, DrainOptions options, CancellationToken ct)
    {
        try
        {
            // A blocked drain is started again each look and stays blocked (reported, warned once) until it ends otherwise.
            var wasBlocked = job.Blocked is not null;
            var heartbeat = new DrainHeartbeat(LifecycleHooks.DrainHeartbeat, (_, c) => HeartbeatAsync(job.Group, job.InstanceId, c));
            var result = await drainer.DrainAsync(
                job.Node, policy.Metadata.Name, options, heartbeat, ct,
                c => events.NodeAsync(
                    policy, node, EventTypes.Normal, EventReasons.NodeCordoned, "Drain",
                    $"node {job.Node} ({job.InstanceId}) cordoned: group {job.Group} is terminating its instance", c))
                .ConfigureAwait(false);
            ReconcilerLog.DrainEnded(logger, job.Node, job.InstanceId, result.Outcome.ToString());
            if (result.Outcome == DrainOutcome.TimedOut)
            {
                // onTimeout: Wait. The node stays (heartbeats go on) until its pods can leave; say once what holds it.
                job.Blocked = result;
                if (!wasBlocked)
                {
                    metrics.DrainBlocked(job.Policy, job.Group, job.InstanceId);
                    await events.NodeAsync(
                        policy, node, EventTypes.Warning, EventReasons.DrainBlocked, "Drain", BlockedMessage(job, result, options), ct)
                        .ConfigureAwait(false);
                }

                return;
            }

            job.Blocked = null;
            await CompleteAsync(job.Group, job.InstanceId, ct).ConfigureAwait(false);
            metrics.NodeDrained(job.Policy, job.Group, job.InstanceId, result.Outcome.ToString(), time.GetUtcNow() - job.FirstStarted);
            await events.NodeAsync(
                policy, node, EventTypes.Normal, EventReasons.NodeDrained, "Drain",
                $"node {job.Node} ({job.InstanceId}) drained ({result.Outcome}, {result.Progress.Evicted} pod(s) evicted); termination continues", ct)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The next reconcile starts it again; the hook's heartbeats stopped, so its timeout is the backstop.
            ReconcilerLog.DrainFailed(logger, e, job.Node, job.InstanceId);
        }
    }

    public static string BlockedMessage(DrainJob job, DrainResult result, DrainOptions options) =>
        $"node {job.Node} ({job.InstanceId}) is not drained after drain.timeout {new PolicyDuration(options.Timeout)}: "
        + $"pods {string.Join(", ", result.Remaining)}"
        + (result.BlockingBudgets.Count > 0 ? $"; PodDisruptionBudgets {string.Join(", ", result.BlockingBudgets)}" : string.Empty)
        + "; the instance waits in Terminating:Wait";

    private async Task HeartbeatAsync(string group, string instanceId, CancellationToken ct)
    {
        try
        {
            await autoScaling.RecordLifecycleActionHeartbeatAsync(LifecycleActionTarget.ForInstance(group, LifecycleHooks.Drain, instanceId), ct)
                .ConfigureAwait(false);
            _beats[instanceId] = time.GetUtcNow();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A missed heartbeat is survivable (two fit in the hook's timeout); a drain stopped by one is not.
            ReconcilerLog.HeartbeatFailed(logger, instanceId, e.Message);
        }
    }
}
