using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Runtime.Hosting;
using WindowsNodeOperator.Runtime.Status;
using WindowsNodeOperator.Runtime.Tests.Fakes;

namespace WindowsNodeOperator.Runtime.Tests.Status;

public sealed class StatusWriterTests : IDisposable
{
    private static readonly ResourceType Things = new("example.io", "v1", "things", "Thing", Namespaced: false);
    private static readonly ObjectKey A = new(null, "a");

    private readonly FakeApiServer _server = new();
    private readonly Queue<HttpStatusCode> _patchAnswers = new();
    private string _liveStatus = """{"phase":"Ready","observedGeneration":3}""";
    private int _resourceVersion = 100;

    public StatusWriterTests()
    {
        _server.Responder = request =>
        {
            if (request.Method == HttpMethod.Get)
            {
                var rv = Interlocked.Increment(ref _resourceVersion);
                return FakeApiServer.Json(HttpStatusCode.OK, $$$"""{"apiVersion":"example.io/v1","kind":"Thing","metadata":{"name":"a","generation":4,"resourceVersion":"{{{rv}}}"},"status":{{{_liveStatus}}}}""");
            }

            var answer = _patchAnswers.TryDequeue(out var code) ? code : HttpStatusCode.OK;
            return FakeApiServer.Json(answer, answer == HttpStatusCode.OK ? "{}" : """{"kind":"Status","code":409,"reason":"Conflict"}""");
        };
    }

    [Fact]
    public async Task An_unchanged_status_is_not_written()
    {
        var written = await Writer().WriteAsync(Things, A, new { phase = "Ready" }, observedGeneration: 3, CancellationToken.None);

        Assert.False(written);
        Assert.DoesNotContain(_server.Requests, r => r.Method == HttpMethod.Patch);
    }

    [Fact]
    public async Task A_changed_status_is_merge_patched_on_the_status_subresource_with_observed_generation()
    {
        _liveStatus = """{"phase":"Ready","observedGeneration":3,"stale":"x"}""";

        var written = await Writer().WriteAsync(Things, A, new { phase = "Degraded" }, observedGeneration: 4, CancellationToken.None);

        Assert.True(written);
        var patch = Assert.Single(_server.Requests, r => r.Method == HttpMethod.Patch);
        Assert.Equal("/apis/example.io/v1/things/a/status", patch.Path);
        Assert.Equal("application/merge-patch+json", patch.ContentType);
        var body = JsonNode.Parse(patch.Body!)!;
        Assert.Equal("101", (string?)body["metadata"]!["resourceVersion"]);
        Assert.Equal("Degraded", (string?)body["status"]!["phase"]);
        Assert.Equal(4, (long?)body["status"]!["observedGeneration"]);
        Assert.True(body["status"]!.AsObject().ContainsKey("stale"));
        Assert.Null(body["status"]!["stale"]);
    }

    [Fact]
    public async Task A_conflict_is_retried_after_reading_again()
    {
        _patchAnswers.Enqueue(HttpStatusCode.Conflict);

        var written = await Writer().WriteAsync(Things, A, new { phase = "Degraded" }, observedGeneration: 4, CancellationToken.None);

        Assert.True(written);
        Assert.Equal(2, _server.Requests.Count(r => r.Method == HttpMethod.Get));
        var patches = _server.Requests.Where(r => r.Method == HttpMethod.Patch).Select(r => JsonNode.Parse(r.Body!)!).ToList();
        Assert.Equal(["101", "102"], patches.Select(p => (string?)p["metadata"]!["resourceVersion"]));
    }

    [Fact]
    public async Task Conflicts_are_retried_a_bounded_number_of_times()
    {
        for (var i = 0; i < StatusWriter.MaxAttempts; i++)
        {
            _patchAnswers.Enqueue(HttpStatusCode.Conflict);
        }

        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(
            () => Writer().WriteAsync(Things, A, new { phase = "Degraded" }, 4, CancellationToken.None));
        Assert.Equal(StatusWriter.MaxAttempts, _server.Requests.Count(r => r.Method == HttpMethod.Patch));
    }

    [Fact]
    public async Task A_missing_object_is_not_written()
    {
        _server.Responder = _ => FakeApiServer.Json(HttpStatusCode.NotFound, """{"kind":"Status","code":404}""");

        Assert.False(await Writer().WriteAsync(Things, A, new { phase = "Degraded" }, 4, CancellationToken.None));
    }

    [Fact]
    public void Merge_patch_replaces_arrays_and_nulls_removed_fields()
    {
        var from = JsonNode.Parse("""{"a":1,"b":{"c":2,"d":3},"list":[1,2]}""");
        var to = JsonNode.Parse("""{"a":1,"b":{"c":2},"list":[1]}""");

        Assert.True(MergePatch.TryCreate(from, to, out var patch));
        Assert.Equal("""{"b":{"d":null},"list":[1]}""", patch!.ToJsonString());
        Assert.False(MergePatch.TryCreate(to, to!.DeepClone(), out _));
    }

    public void Dispose() => _server.Dispose();

    private StatusWriter Writer() =>
        new(_server.CreateClient(), Options.Create(new ControllerRuntimeOptions { ReportingController = "example.io/test" }), NullLogger<StatusWriter>.Instance);
}
