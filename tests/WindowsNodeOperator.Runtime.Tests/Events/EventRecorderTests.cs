using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WindowsNodeOperator.Runtime.Events;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Tests.Fakes;

namespace WindowsNodeOperator.Runtime.Tests.Events;

public sealed class EventRecorderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeApiServer _server = new();
    private readonly V1Node _node = new() { ApiVersion = "v1", Kind = "Node", Metadata = new V1ObjectMeta { Name = "n1", Uid = "uid-1" } };
    private readonly EventRecorder _recorder;

    public EventRecorderTests()
    {
        _server.Responder = request => FakeApiServer.Json(request.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK, request.Body ?? "{}");
        _recorder = new EventRecorder(
            _server.CreateClient(),
            Options.Create(new ControllerRuntimeOptions { ReportingController = "example.io/test", ReportingInstance = "pod-1" }),
            _time,
            NullLogger<EventRecorder>.Instance);
    }

    [Fact]
    public async Task An_event_about_a_cluster_scoped_object_is_created_in_default_with_its_reference()
    {
        await _recorder.RecordAsync(_node, EventTypes.Normal, "Cordoned", "Cordon", "cordoned for replacement");

        var post = Assert.Single(_server.Requests);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal("/apis/events.k8s.io/v1/namespaces/default/events", post.Path);
        var body = JsonNode.Parse(post.Body!)!;
        Assert.StartsWith("n1.", (string?)body["metadata"]!["name"], StringComparison.Ordinal);
        Assert.Equal("uid-1", (string?)body["regarding"]!["uid"]);
        Assert.Equal("Node", (string?)body["regarding"]!["kind"]);
        Assert.Equal("v1", (string?)body["regarding"]!["apiVersion"]);
        Assert.Equal("Cordoned", (string?)body["reason"]);
        Assert.Equal("Cordon", (string?)body["action"]);
        Assert.Equal("Normal", (string?)body["type"]);
        Assert.Equal("example.io/test", (string?)body["reportingController"]);
        Assert.Equal("pod-1", (string?)body["reportingInstance"]);
        Assert.StartsWith("2026-01-01T00:00:00", (string?)body["eventTime"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_again_soon_patches_the_series_instead_of_creating_another()
    {
        await _recorder.RecordAsync(_node, EventTypes.Warning, "DrainBlocked", "Drain", "pdb");
        _time.Advance(TimeSpan.FromMinutes(1));
        await _recorder.RecordAsync(_node, EventTypes.Warning, "DrainBlocked", "Drain", "pdb");
        _time.Advance(TimeSpan.FromMinutes(1));
        await _recorder.RecordAsync(_node, EventTypes.Warning, "DrainBlocked", "Drain", "pdb");

        var requests = _server.Requests.ToList();
        Assert.Equal([HttpMethod.Post, HttpMethod.Patch, HttpMethod.Patch], requests.Select(r => r.Method));
        var name = (string?)JsonNode.Parse(requests[0].Body!)!["metadata"]!["name"];
        Assert.Equal($"/apis/events.k8s.io/v1/namespaces/default/events/{name}", requests[2].Path);
        var series = JsonNode.Parse(requests[2].Body!)!["series"]!;
        Assert.Equal(3, (int?)series["count"]);
        Assert.Equal("2026-01-01T00:02:00.000000Z", (string?)series["lastObservedTime"]);
    }

    [Fact]
    public async Task A_different_note_or_a_repeat_after_the_window_creates_a_new_event()
    {
        await _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "one");
        await _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "two");
        _time.Advance(EventRecorder.SeriesWindow + TimeSpan.FromSeconds(1));
        await _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "two");

        Assert.All(_server.Requests, r => Assert.Equal(HttpMethod.Post, r.Method));
        Assert.Equal(3, _server.Requests.Select(r => (string?)JsonNode.Parse(r.Body!)!["metadata"]!["name"]).Distinct().Count());
    }

    [Fact]
    public async Task A_series_whose_event_expired_starts_a_new_event()
    {
        await _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "x");
        _server.Responder = request => request.Method == HttpMethod.Patch
            ? FakeApiServer.Json(HttpStatusCode.NotFound, """{"kind":"Status","code":404}""")
            : FakeApiServer.Json(HttpStatusCode.Created, request.Body!);

        await _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "x");

        Assert.Equal([HttpMethod.Post, HttpMethod.Patch, HttpMethod.Post], _server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_failure_is_swallowed()
    {
        _server.Responder = _ => FakeApiServer.Json(HttpStatusCode.Forbidden, """{"kind":"Status","code":403}""");

        var record = _recorder.RecordAsync(_node, EventTypes.Normal, "Replaced", "Replace", "x");

        await record;
        Assert.True(record.IsCompletedSuccessfully);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public void The_series_cache_is_bounded_and_evicts_the_least_recently_used()
    {
        var cache = new EventSeriesCache(capacity: 2);
        EventKey Key(string name) => new("v1", "Node", "default", name, null, "r", "a", "Normal", null);
        cache.Put(new EventSeriesCache.Entry(Key("1"), "e1", _time.GetUtcNow()));
        cache.Put(new EventSeriesCache.Entry(Key("2"), "e2", _time.GetUtcNow()));
        Assert.NotNull(cache.Find(Key("1")));

        cache.Put(new EventSeriesCache.Entry(Key("3"), "e3", _time.GetUtcNow()));

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Find(Key("2")));
        Assert.NotNull(cache.Find(Key("1")));
    }

    public void Dispose() => _server.Dispose();
}
