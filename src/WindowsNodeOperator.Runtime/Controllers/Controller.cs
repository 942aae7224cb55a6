using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Runtime.Diagnostics;
using WindowsNodeOperator.Runtime.Election;
using WindowsNodeOperator.Runtime.Queues;
using WindowsNodeOperator.Runtime.Reconciliation;
using WindowsNodeOperator.Runtime.Watching;

namespace WindowsNodeOperator.Runtime.Controllers;

/// <summary>
/// Runs, while this instance leads, the watchers of one controller and its workers: each worker takes
/// a key from the queue and calls the <see cref="IReconciler{T}"/> (resolved in a fresh scope).
/// </summary>
internal sealed class Controller<T>(
    ControllerRegistration<T> registration,
    IServiceProvider services,
    ILeadership leadership,
    TimeProvider time,
    RuntimeMetrics metrics,
    ControllerActivity activity,
    ILogger<Controller<T>> logger) : BackgroundService
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly string _kind = registration.Type.Kind;
    private readonly ControllerOptions _options = registration.Options;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken term;
            try
            {
                term = await leadership.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term);
            await RunTermAsync(running.Token).ConfigureAwait(false);
            ControllerLog.Stopped(logger, _kind);
        }
    }

    /// <summary>One term of leadership: a fresh queue, watchers that fill it, then workers until cancelled.</summary>
    internal async Task RunTermAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue<ObjectKey>(time, _options.Queue);
        using var depth = metrics.TrackQueue(_kind, () => queue.Count);
        using var tracked = activity.Track(queue);
        var watchers = CreateWatchers(key =>
        {
            queue.Add(key);
            activity.Touch();
        });
        var watching = watchers.Select(w => w.RunAsync(ct)).ToList();
        try
        {
            // 1. Reconcilers read the caches: wait until every watched kind has been listed once.
            await Task.WhenAll(watchers.Select(w => w.Synced)).WaitAsync(ct).ConfigureAwait(false);
            ControllerLog.Started(logger, _kind, _options.Workers);

            // 2. Workers run until the host stops or leadership ends.
            var workers = Enumerable.Range(0, _options.Workers).Select(_ => WorkAsync(queue, ct)).ToList();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            queue.ShutDown();
            await Task.WhenAll(watching).ConfigureAwait(false);
        }
    }

    private List<IResourceWatcher> CreateWatchers(Action<ObjectKey> enqueue)
    {
        var primary = WatcherFactory.Create<T>(
            services,
            new WatchSettings(registration.Type, _options.LabelSelector, _options.ResyncPeriod),
            obj => [ObjectKey.From(obj)],
            enqueue,
            registration.Changed);
        return [primary, .. registration.Secondaries.Select(s => s.Create(services, enqueue))];
    }

    private async Task WorkAsync(WorkQueue<ObjectKey> queue, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ObjectKey? key;
            try
            {
                key = await queue.GetAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }

            if (key is null)
            {
                return;
            }

            try
            {
                await ReconcileAsync(queue, key, ct).ConfigureAwait(false);
            }
            finally
            {
                queue.Done(key);
                activity.Touch();
            }
        }
    }

    private async Task ReconcileAsync(WorkQueue<ObjectKey> queue, ObjectKey key, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["Kind"] = _kind,
            ["Name"] = key.ToString(),
            ["ReconcileId"] = Guid.NewGuid().ToString("N")[..16],
        });
        var started = time.GetTimestamp();
        string result;
        try
        {
            await using var serviceScope = services.CreateAsyncScope();
            var reconciler = serviceScope.ServiceProvider.GetRequiredService<IReconciler<T>>();
            var outcome = await reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
            queue.Forget(key);
            if (outcome.Requeue is { } delay)
            {
                queue.AddAfter(key, delay);
                result = "requeue";
                ControllerLog.Requeued(logger, key, delay);
            }
            else
            {
                result = "done";
                ControllerLog.Reconciled(logger, key, result);
            }
        }
        catch (TerminalReconcileException e)
        {
            // The object is wrong as written; only a change to it (which the watch enqueues) can help.
            queue.Forget(key);
            result = "terminal";
            ControllerLog.Terminal(logger, key, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the next leader (or this one, next term) lists everything again.
            result = "cancelled";
        }
        catch (Exception e)
        {
            queue.AddRateLimited(key);
            result = "error";
            ControllerLog.Failed(logger, e, key, queue.Requeues(key));
        }

        metrics.Reconciled(_kind, result, time.GetElapsedTime(started));
    }
}
