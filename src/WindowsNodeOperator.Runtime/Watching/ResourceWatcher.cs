using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Runtime.Diagnostics;

namespace WindowsNodeOperator.Runtime.Watching;

/// <summary>
/// Lists one kind, then watches it from the list's resourceVersion, keeping <see cref="ResourceCache{T}"/>
/// current and enqueueing the keys each change maps to. Re-lists when the server says the version is
/// too old (410 Gone), reconnects from the last seen version after a dropped stream, and periodically
/// re-enqueues every cached object. An optional change filter decides, from the cached copy and the new one,
/// whether a modification enqueues anything; additions and deletions always do.
/// See https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes.
/// </summary>
/// <remarks>
/// The custom-objects endpoints of KubernetesClient are used for every kind: with an empty group they
/// address the core API (<c>/api/v1/nodes</c>), otherwise <c>/apis/group/version/plural</c>; listed
/// without a namespace they cover all namespaces. That keeps the watcher generic over
/// <see cref="ResourceType"/> while authentication and TLS stay the client's.
/// </remarks>
internal sealed class ResourceWatcher<T>(
    IKubernetes client,
    WatchSettings settings,
    ResourceCache<T> cache,
    Func<T, IEnumerable<ObjectKey>> keysOf,
    Action<ObjectKey> enqueue,
    TimeProvider time,
    RuntimeMetrics metrics,
    ILogger logger,
    Func<T?, T, bool>? changed = null,
    Action<T>? trim = null) : IResourceWatcher
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    // A watch up this long before it failed was healthy: its failure starts the backoff over, as client-go's reflector
    // resets its backoff after two minutes without one (k8s.io/client-go/tools/cache/reflector.go, NewReflectorWithOptions).
    private static readonly TimeSpan HealthyWatch = TimeSpan.FromMinutes(2);

    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResourceType _type = settings.Type;

    // The last version seen from a list, an event or a bookmark: where a reconnect resumes; null means list first.
    private string? _resourceVersion;
    private bool _listed;

    public Task Synced => _synced.Task;

    public async Task RunAsync(CancellationToken ct)
    {
        var resync = settings.ResyncPeriod is { } period ? ResyncLoopAsync(period, ct) : Task.CompletedTask;
        try
        {
            await ListAndWatchLoopAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await resync.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task ListAndWatchLoopAsync(CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            // How long a watch ran is measured on the monotonic clock: a step of the wall clock is no short or long watch.
            long? started = null;
            try
            {
                _resourceVersion ??= await ListAsync(ct).ConfigureAwait(false);
                started = time.GetTimestamp();
                var end = await WatchOnceAsync(_resourceVersion, ct).ConfigureAwait(false);
                if (end.Expired)
                {
                    // 1. The version we asked for is older than the server keeps: start over with a list.
                    WatcherLog.Expired(logger, _type.Kind);
                    metrics.WatchRestarted(_type.Kind, "expired");
                    _resourceVersion = null;
                    continue;
                }

                if (end.Events > 0 || time.GetElapsedTime(started.Value) >= TimeSpan.FromSeconds(1))
                {
                    // 2. A normal close (timeoutSeconds elapsed): reconnect at once from where we were.
                    failures = 0;
                    metrics.WatchRestarted(_type.Kind, "closed");
                    continue;
                }

                // 3. Closed at once with nothing said: treat as a failure so a broken server is not hammered.
                await BackOffAsync(++failures, new IOException("Watch closed immediately."), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Gone)
            {
                WatcherLog.Expired(logger, _type.Kind);
                metrics.WatchRestarted(_type.Kind, "expired");
                _resourceVersion = null;
            }
            catch (Exception e)
            {
                // 4. Dropped connection or server error: reconnect from the last seen version after a jittered backoff. A
                //    watch that ran a while before it dropped (a proxy or the server closing it) is no repeated failure.
                if (started is { } from && time.GetElapsedTime(from) >= HealthyWatch)
                {
                    failures = 0;
                }

                await BackOffAsync(++failures, e, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task BackOffAsync(int failures, Exception cause, CancellationToken ct)
    {
        var exponential = settings.InitialRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = exponential < settings.MaxRetryDelay ? exponential : settings.MaxRetryDelay;
        var delay = capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
        WatcherLog.Failed(logger, cause, _type.Kind, delay);
        metrics.WatchRestarted(_type.Kind, "error");
        try
        {
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<string> ListAsync(CancellationToken ct)
    {
        var items = new List<T>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await client.CustomObjects.ListClusterCustomObjectAsync<KubernetesList<T>>(
                _type.Group,
                _type.Version,
                _type.Plural,
                continueParameter: continueToken,
                labelSelector: settings.LabelSelector,
                limit: settings.PageSize,
                cancellationToken: ct).ConfigureAwait(false);
            items.AddRange((page.Items ?? []).Select(Typed));
            continueToken = page.Metadata?.ContinueProperty;
            resourceVersion = page.Metadata?.ResourceVersion ?? string.Empty;
        }
        while (!string.IsNullOrEmpty(continueToken));

        // The first list of a watcher (a new term of leadership) enqueues everything. A re-list (after 410 Gone) enqueues
        // only what it finds new or changed (same resourceVersion: unchanged; then the change filter, as for a watch
        // event): on a busy cluster the history runs out often, and a re-list must not wake everything each time. The
        // periodic resync is what looks at everything again.
        var before = _listed ? cache.List().ToDictionary(ObjectKey.From) : [];
        _listed = true;
        var gone = cache.Replace(items);
        foreach (var obj in items)
        {
            var previous = before.GetValueOrDefault(ObjectKey.From(obj));
            var unchanged = previous is not null
                && (previous.Metadata?.ResourceVersion == obj.Metadata?.ResourceVersion || (changed is not null && !changed(previous, obj)));
            if (!unchanged)
            {
                EnqueueKeysOf(obj, previous);
            }
        }

        foreach (var obj in gone)
        {
            EnqueueKeysOf(obj);
        }

        WatcherLog.Listed(logger, _type.Kind, items.Count, resourceVersion);
        _synced.TrySetResult();
        return resourceVersion;
    }

    private async Task<WatchEnd> WatchOnceAsync(string resourceVersion, CancellationToken ct)
    {
        WatcherLog.Watching(logger, _type.Kind, resourceVersion);
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Exception? failure = null;
        var expired = false;
        var events = 0;

        void OnError(Exception e)
        {
            // An ERROR event ends this watch; the server sends nothing useful after it.
            if (e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
            {
                expired = true;
            }
            else
            {
                failure = e;
            }

            watchCts.Cancel();
        }

        var timeout = (int)(settings.MinWatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        try
        {
            var stream = client.CustomObjects.WatchListClusterCustomObjectAsync(
                _type.Group,
                _type.Version,
                _type.Plural,
                allowWatchBookmarks: true,
                labelSelector: settings.LabelSelector,
                resourceVersion: resourceVersion,
                timeoutSeconds: timeout,
                onError: OnError,
                cancellationToken: watchCts.Token);
            await foreach (var (type, raw) in stream.ConfigureAwait(false))
            {
                events++;
                _resourceVersion = Apply(type, raw) ?? _resourceVersion;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && watchCts.IsCancellationRequested)
        {
        }

        if (failure is not null && !expired)
        {
            throw new IOException($"Watch of {_type.Kind} failed.", failure);
        }

        return new WatchEnd(expired, events);
    }

    private string? Apply(WatchEventType type, object raw)
    {
        var obj = Typed(raw is JsonElement element ? KubernetesJson.Deserialize<T>(element) : KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(raw)));
        switch (type)
        {
            case WatchEventType.Added:
            case WatchEventType.Modified:
                var replaced = cache.Upsert(obj);
                if (type == WatchEventType.Added || changed is null || changed(replaced, obj))
                {
                    EnqueueKeysOf(obj, replaced);
                }

                break;
            case WatchEventType.Deleted:
                var removed = cache.Remove(ObjectKey.From(obj));
                EnqueueKeysOf(obj, removed);
                break;
            case WatchEventType.Bookmark:
            case WatchEventType.Error:
            default:
                break;
        }

        return obj.Metadata?.ResourceVersion;
    }

    private void EnqueueKeysOf(T obj, T? previous = null)
    {
        var keys = keysOf(obj);
        if (previous is not null)
        {
            // The old copy may have mapped to keys the new one no longer does; they need a look too.
            keys = keys.Concat(keysOf(previous)).Distinct();
        }

        foreach (var key in keys)
        {
            enqueue(key);
        }
    }

    private T Typed(T obj)
    {
        // Items of a list carry no apiVersion or kind; events and references need them.
        if (string.IsNullOrEmpty(obj.ApiVersion))
        {
            obj.ApiVersion = _type.ApiVersion;
        }

        if (string.IsNullOrEmpty(obj.Kind))
        {
            obj.Kind = _type.Kind;
        }

        // Cached for the process's life: drop what no reconciler reads (managedFields are often the larger half of an object).
        obj.Metadata?.ManagedFields = null;
        trim?.Invoke(obj);
        return obj;
    }

    private async Task ResyncLoopAsync(TimeSpan period, CancellationToken ct)
    {
        try
        {
            await Synced.WaitAsync(ct).ConfigureAwait(false);
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(period, time, ct).ConfigureAwait(false);
                var all = cache.List();
                foreach (var obj in all)
                {
                    EnqueueKeysOf(obj);
                }

                WatcherLog.Resynced(logger, _type.Kind, all.Count);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private sealed record WatchEnd(bool Expired, int Events);
}
