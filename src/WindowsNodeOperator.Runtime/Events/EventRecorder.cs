using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Runtime.Hosting;

namespace WindowsNodeOperator.Runtime.Events;

/// <summary>
/// Writes events.k8s.io/v1 events. A repeat of the same event within <see cref="SeriesWindow"/> patches
/// the first one's <c>series</c> (count, lastObservedTime), as client-go's event broadcaster does.
/// See https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/.
/// </summary>
internal sealed partial class EventRecorder(
    IKubernetes client,
    IOptions<ControllerRuntimeOptions> options,
    TimeProvider time,
    ILogger<EventRecorder> logger) : IEventRecorder
{
    public static readonly TimeSpan SeriesWindow = TimeSpan.FromMinutes(6);

    internal const int Capacity = 4096;

    // The API rejects notes longer than 1 kB.
    private const int MaxNoteLength = 1024;

    private readonly Lock _gate = new();
    private readonly EventSeriesCache _recent = new(Capacity);
    private long _sequence;

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string action, string? note, CancellationToken ct = default)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(regarding);
            note = note is { Length: > MaxNoteLength } ? note[..MaxNoteLength] : note;
            var meta = regarding.Metadata ?? new V1ObjectMeta();

            // Events about cluster-scoped objects live in "default", as kube's own do.
            var ns = string.IsNullOrEmpty(meta.NamespaceProperty) ? "default" : meta.NamespaceProperty;
            var key = new EventKey(regarding.ApiVersion, regarding.Kind, ns, meta.Name, meta.Uid, reason, action, type, note);
            var now = time.GetUtcNow();

            EventSeriesCache.Entry? repeat;
            int count;
            lock (_gate)
            {
                repeat = _recent.Find(key);
                if (repeat is not null && now - repeat.LastObserved < SeriesWindow)
                {
                    repeat.Count++;
                    repeat.LastObserved = now;
                    count = repeat.Count;
                }
                else
                {
                    repeat = null;
                    count = 1;
                }
            }

            if (repeat is not null && await TryPatchSeriesAsync(ns, repeat.Name, count, now, ct).ConfigureAwait(false))
            {
                return;
            }

            var created = await CreateAsync(regarding, key, now, ct).ConfigureAwait(false);
            lock (_gate)
            {
                _recent.Put(new EventSeriesCache.Entry(key, created, now));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogDropped(logger, e, reason, regarding?.Metadata?.Name);
        }
    }

    private async Task<bool> TryPatchSeriesAsync(string ns, string name, int count, DateTimeOffset now, CancellationToken ct)
    {
        var patch = new JsonObject
        {
            ["series"] = new JsonObject
            {
                ["count"] = count,
                ["lastObservedTime"] = MicroTime(now),
            },
        };
        try
        {
            await client.EventsV1.PatchNamespacedEventAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            // The event expired (the API server keeps events for an hour by default): start a new one.
            return false;
        }
    }

    private async Task<string> CreateAsync(IKubernetesObject<V1ObjectMeta> regarding, EventKey key, DateTimeOffset now, CancellationToken ct)
    {
        // Named <object>.<hex time> like kube's events; the sequence keeps names unique within one clock tick.
        var stamp = (now.ToUnixTimeMilliseconds() * 1_000_000) + Interlocked.Increment(ref _sequence);
        var name = $"{key.Name}.{stamp.ToString("x", CultureInfo.InvariantCulture)}";
        var settings = options.Value;
        var body = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = key.Namespace },
            EventTime = now.UtcDateTime,
            Regarding = new V1ObjectReference
            {
                ApiVersion = regarding.ApiVersion,
                Kind = regarding.Kind,
                Name = regarding.Metadata?.Name,
                NamespaceProperty = regarding.Metadata?.NamespaceProperty,
                Uid = regarding.Metadata?.Uid,
            },
            Reason = key.Reason,
            Action = key.Action,
            Note = key.Note,
            Type = key.Type,
            ReportingController = settings.ReportingController,
            ReportingInstance = settings.ReportingInstance,
        };
        await client.EventsV1.CreateNamespacedEventAsync(body, key.Namespace, cancellationToken: ct).ConfigureAwait(false);
        return name;
    }

    private static string MicroTime(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(5001, LogLevel.Warning, "Dropped event {Reason} about {Name}")]
    private static partial void LogDropped(ILogger logger, Exception exception, string reason, string? name);
}
