using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Tests.Fakes;
using WindowsNodeOperator.Runtime.Watching;
using static WindowsNodeOperator.Runtime.Tests.Fakes.Objects;

namespace WindowsNodeOperator.Runtime.Tests.Watching;

public sealed class ResourceWatcherTests : IAsyncDisposable
{
    private static readonly ResourceType Nodes = new(string.Empty, "v1", "nodes", "Node", Namespaced: false);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeApiServer _server = new();
    private readonly ConcurrentQueue<string> _lists = new();
    private readonly ConcurrentQueue<WatchStream> _watches = new();
    private readonly Channel<ObjectKey> _enqueued = Channel.CreateUnbounded<ObjectKey>();
    private readonly ResourceCache<V1Node> _cache = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public ResourceWatcherTests()
    {
        _server.Responder = request =>
        {
            if (request.IsWatch)
            {
                var stream = _watches.TryDequeue(out var next) ? next : new WatchStream();
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };
            }

            return _lists.TryDequeue(out var list)
                ? FakeApiServer.Json(HttpStatusCode.OK, list)
                : FakeApiServer.Json(HttpStatusCode.InternalServerError, """{"kind":"Status","code":500}""");
        };
    }

    [Fact]
    public async Task The_first_list_fills_the_cache_enqueues_every_key_and_the_watch_starts_from_its_version()
    {
        _lists.Enqueue(NodeList("10", Node("a", "8"), Node("b", "9")));

        var watcher = Start();
        await watcher.Synced.Within();
        var watch = await _server.NextRequestAsync(r => r.IsWatch);

        Assert.True(_cache.IsSynced);
        Assert.Equal(["a", "b"], _cache.List().Select(n => n.Name()).Order());
        Assert.True(_cache.TryGet(new ObjectKey(null, "a"), out var a));
        Assert.Equal("Node", a.Kind);
        Assert.Equal("v1", a.ApiVersion);
        Assert.Equal(["a", "b"], (await NextKeys(2)).Select(k => k.Name).Order());
        Assert.Equal("/api/v1/nodes", watch.Path);
        Assert.Equal("10", watch.Query("resourceVersion"));
        Assert.Equal("true", watch.Query("allowWatchBookmarks"));
    }

    [Fact]
    public async Task Added_modified_and_deleted_events_update_the_cache_and_enqueue_the_key()
    {
        var stream = new WatchStream();
        _lists.Enqueue(NodeList("1"));
        _watches.Enqueue(stream);
        Start();
        await _server.NextRequestAsync(r => r.IsWatch);
        var key = new ObjectKey(null, "a");

        stream.Send("ADDED", Node("a", "2"));
        Assert.Equal(key, await NextKey());
        Assert.True(_cache.TryGet(key, out var added));
        Assert.Equal("2", added.ResourceVersion());

        stream.Send("MODIFIED", Node("a", "3"));
        Assert.Equal(key, await NextKey());
        Assert.True(_cache.TryGet(key, out var modified));
        Assert.Equal("3", modified.ResourceVersion());

        stream.Send("DELETED", Node("a", "4"));
        Assert.Equal(key, await NextKey());
        Assert.False(_cache.TryGet(key, out _));
    }

    [Fact]
    public async Task A_410_error_event_relists_from_scratch_and_watches_from_the_new_version()
    {
        var first = new WatchStream();
        _lists.Enqueue(NodeList("5", Node("a", "4"), Node("b", "5")));
        _lists.Enqueue(NodeList("20", Node("a", "19")));
        _watches.Enqueue(first);
        Start();
        await _server.NextRequestAsync(r => r.IsWatch);
        await NextKeys(2);

        first.Send("ERROR", Gone());

        var relist = await _server.NextRequestAsync(r => !r.IsWatch);
        Assert.Null(relist.Query("resourceVersion"));
        var rewatch = await _server.NextRequestAsync(r => r.IsWatch);
        Assert.Equal("20", rewatch.Query("resourceVersion"));
        Assert.Equal(["a"], _cache.List().Select(n => n.Name()));
        Assert.Contains(new ObjectKey(null, "b"), await NextKeys(2));
    }

    [Fact]
    public async Task An_http_410_on_the_watch_request_also_relists()
    {
        _lists.Enqueue(NodeList("5"));
        _lists.Enqueue(NodeList("30"));
        var watchCalls = 0;
        var inner = _server.Responder;
        _server.Responder = request => request.IsWatch && Interlocked.Increment(ref watchCalls) == 1
            ? FakeApiServer.Json(HttpStatusCode.Gone, Gone())
            : inner(request);
        Start();

        await _server.NextRequestAsync(r => !r.IsWatch);
        await _server.NextRequestAsync(r => !r.IsWatch);
        var rewatch = await _server.NextRequestAsync(r => r.IsWatch && r.Query("resourceVersion") == "30");

        Assert.NotNull(rewatch);
    }

    [Fact]
    public async Task A_dropped_stream_reconnects_after_a_backoff_from_the_last_version_seen_without_listing()
    {
        var first = new WatchStream();
        _lists.Enqueue(NodeList("5"));
        _watches.Enqueue(first);
        Start();
        await _server.NextRequestAsync(r => r.IsWatch);

        first.Send("ADDED", Node("x", "7"));
        await NextKey();
        first.Drop();

        var rewatch = await _time.AdvanceUntilAsync(_server.NextRequestAsync(_ => true), TimeSpan.FromSeconds(1));
        Assert.True(rewatch.IsWatch);
        Assert.Equal("7", rewatch.Query("resourceVersion"));
        Assert.Single(_server.Requests, r => !r.IsWatch);
    }

    [Fact]
    public async Task A_watch_dropped_after_minutes_of_health_reconnects_within_the_first_backoff_every_time()
    {
        // A proxy or the server cutting a quiet watch every few minutes is no run of failures: the backoff starts over
        // (the first is at most 1 s; the sixth in a row would be 16 s to 30 s).
        var stream = new WatchStream();
        _lists.Enqueue(NodeList("5"));
        _watches.Enqueue(stream);
        Start();
        await _server.NextRequestAsync(r => r.IsWatch);
        for (var cut = 1; cut <= 6; cut++)
        {
            var next = new WatchStream();
            _watches.Enqueue(next);
            _time.Advance(TimeSpan.FromMinutes(5));
            var dropped = _time.GetUtcNow();
            stream.Drop();

            await _time.AdvanceUntilAsync(_server.NextRequestAsync(r => r.IsWatch), TimeSpan.FromMilliseconds(100));
            Assert.True(_time.GetUtcNow() - dropped <= TimeSpan.FromSeconds(4), $"cut {cut}: reconnected after {_time.GetUtcNow() - dropped}");
            stream = next;
        }
    }

    [Fact]
    public async Task A_bookmark_advances_the_version_the_next_watch_starts_from()
    {
        var first = new WatchStream();
        _lists.Enqueue(NodeList("5"));
        _watches.Enqueue(first);
        Start();
        await _server.NextRequestAsync(r => r.IsWatch);

        first.Send("BOOKMARK", Bookmark("42"));
        first.End();

        var rewatch = await _server.NextRequestAsync(r => r.IsWatch);
        Assert.Equal("42", rewatch.Query("resourceVersion"));
        Assert.Empty(_cache.List());
        Assert.False(_enqueued.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_failed_list_is_retried_after_a_backoff()
    {
        Start();
        await _server.NextRequestAsync(r => !r.IsWatch);

        _lists.Enqueue(NodeList("3", Node("a", "3")));
        await _time.AdvanceUntilAsync(_server.NextRequestAsync(r => !r.IsWatch), TimeSpan.FromSeconds(1));

        Assert.Equal(new ObjectKey(null, "a"), await NextKey());
    }

    [Fact]
    public async Task A_mapper_enqueues_the_keys_of_both_the_old_and_the_new_copy()
    {
        var stream = new WatchStream();
        _lists.Enqueue(NodeList("1", Node("n1", "1", labelValue: "blue")));
        _watches.Enqueue(stream);
        Start(node => [new ObjectKey(null, "owner-" + node.Labels()["group"])]);
        Assert.Equal(new ObjectKey(null, "owner-blue"), await NextKey());
        await _server.NextRequestAsync(r => r.IsWatch);

        stream.Send("MODIFIED", Node("n1", "2", labelValue: "green"));

        Assert.Equal(["owner-blue", "owner-green"], (await NextKeys(2)).Select(k => k.Name).Order());
    }

    [Fact]
    public async Task A_change_filter_skips_a_heartbeat_only_update_but_not_a_label_change()
    {
        var stream = new WatchStream();
        _lists.Enqueue(NodeList("1"));
        _watches.Enqueue(stream);
        Start(changed: (old, current) => old is null || old.Labels()["group"] != current.Labels()["group"]);
        await _server.NextRequestAsync(r => r.IsWatch);
        var key = new ObjectKey(null, "a");
        stream.Send("ADDED", NodeWithHeartbeat("a", "2", "blue", "2026-01-01T00:00:00Z"));
        Assert.Equal(key, await NextKey());

        stream.Send("MODIFIED", NodeWithHeartbeat("a", "3", "blue", "2026-01-01T00:00:10Z"));
        stream.Send("MODIFIED", NodeWithHeartbeat("a", "4", "green", "2026-01-01T00:00:10Z"));

        // Events are applied in order: the label change's key is the only one after the addition's.
        Assert.Equal(key, await NextKey());
        Assert.False(_enqueued.Reader.TryRead(out _));
        Assert.True(_cache.TryGet(key, out var cached));
        Assert.Equal("4", cached.ResourceVersion());

        stream.Send("DELETED", NodeWithHeartbeat("a", "5", "green", "2026-01-01T00:00:10Z"));
        Assert.Equal(key, await NextKey());
    }

    [Fact]
    public async Task Cached_copies_keep_no_managed_fields_and_are_trimmed_as_asked_from_lists_and_events()
    {
        var stream = new WatchStream();
        _lists.Enqueue(NodeList("1", WithManagedFieldsAndImages("a", "1")));
        _watches.Enqueue(stream);
        var watcher = Start(trim: n => n.Status?.Images = null);
        await watcher.Synced.Within();
        await _server.NextRequestAsync(r => r.IsWatch);
        stream.Send("ADDED", WithManagedFieldsAndImages("b", "2"));
        await NextKeys(2);

        foreach (var name in new[] { "a", "b" })
        {
            Assert.True(_cache.TryGet(new ObjectKey(null, name), out var cached));
            Assert.Null(cached.Metadata.ManagedFields);
            Assert.Null(cached.Status.Images);
            Assert.Equal("True", cached.Status.Conditions.Single().Status);
        }
    }

    [Fact]
    public async Task Resync_enqueues_every_cached_key_each_period()
    {
        _lists.Enqueue(NodeList("1", Node("a", "1")));
        var watcher = Start(resync: TimeSpan.FromMinutes(10));
        await watcher.Synced.Within();
        await NextKey();

        var resynced = await _time.AdvanceUntilAsync(NextKey(), TimeSpan.FromMinutes(1));

        Assert.Equal(new ObjectKey(null, "a"), resynced);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.Within();
        }

        _stop.Dispose();
        _server.Dispose();
    }

    private ResourceWatcher<V1Node> Start(
        Func<V1Node, IEnumerable<ObjectKey>>? keysOf = null,
        TimeSpan? resync = null,
        Func<V1Node?, V1Node, bool>? changed = null,
        Action<V1Node>? trim = null)
    {
        var watcher = new ResourceWatcher<V1Node>(
            _server.CreateClient(),
            new WatchSettings(Nodes, ResyncPeriod: resync),
            _cache,
            keysOf ?? (n => [ObjectKey.From(n)]),
            key => _enqueued.Writer.TryWrite(key),
            _time,
            TestMetrics.Create(),
            NullLogger.Instance,
            changed,
            trim);
        _running = watcher.RunAsync(_stop.Token);
        return watcher;
    }

    private static string WithManagedFieldsAndImages(string name, string resourceVersion) =>
        """{"apiVersion":"v1","kind":"Node","metadata":{"name":"NAME","resourceVersion":"RV","uid":"uid-NAME","managedFields":[{"manager":"kubelet","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:images":{}}}}]},"status":{"conditions":[{"type":"Ready","status":"True"}],"images":[{"names":["mcr.microsoft.com/windows/servercore:ltsc2022"],"sizeBytes":5000000000}]}}"""
            .Replace("NAME", name, StringComparison.Ordinal)
            .Replace("RV", resourceVersion, StringComparison.Ordinal);

    private Task<ObjectKey> NextKey() => _enqueued.Reader.ReadAsync().AsTask().Within();

    private async Task<IReadOnlyList<ObjectKey>> NextKeys(int count)
    {
        var keys = new List<ObjectKey>();
        for (var i = 0; i < count; i++)
        {
            keys.Add(await NextKey());
        }

        return keys;
    }
}
