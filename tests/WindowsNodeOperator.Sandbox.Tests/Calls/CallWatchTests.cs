using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Calls;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Calls;

/// <summary>
/// The sandbox's <c>--hold-at</c> and <c>--print-writes</c> on the API server's wire: a held write is applied (for an
/// "after" point) and never answered until its client leaves; only the first match holds; every write is printed with
/// its client, named without its token.
/// </summary>
public sealed class CallWatchTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_write_held_after_its_point_takes_effect_is_never_answered_and_only_the_first_match_is_held()
    {
        using var output = new HeldWriter();
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions { Calls = new CallWatch(HoldPoints.Find("after-cordon"), printWrites: true, output) });
        server.Store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = "n1" } });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var leave = new CancellationTokenSource();

        var first = http.PatchAsync("api/v1/nodes/n1", Cordon(), leave.Token);
        Assert.Equal("held: after-cordon", await output.Held.WaitAsync(Within));

        // 1. Applied, and no answer: the client has to give up.
        Assert.True((bool?)server.Store.Find("v1", "nodes", null, "n1")!["spec"]?["unschedulable"]);
        Assert.False(first.IsCompleted);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Within));

        // 2. The next matching write is answered.
        using var second = await http.PatchAsync("api/v1/nodes/n1", Cordon()).WaitAsync(Within);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, output.Lines.Count(l => l == "write: k8s:anonymous 200 PATCH /api/v1/nodes/n1"));
        Assert.Single(output.Lines, l => l.StartsWith("held: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_held_before_its_point_is_not_let_through_and_later_matches_pass()
    {
        using var output = new HeldWriter();
        var watch = new CallWatch(HoldPoints.Find("before-complete-drain"), printWrites: false, output);
        var complete = new WireCall("aws:KEY", "POST", "/", "CompleteLifecycleAction", new Dictionary<string, string> { ["LifecycleHookName"] = "windowsnode-drain" }, Body: null);
        var launch = complete with { Parameters = new Dictionary<string, string> { ["LifecycleHookName"] = "windowsnode-launch" } };
        using var leave = new CancellationTokenSource();

        Assert.False(await watch.BeforeAsync(launch, leave.Token));
        var held = watch.BeforeAsync(complete, leave.Token);
        Assert.Equal("held: before-complete-drain", await output.Held.WaitAsync(Within));
        Assert.False(held.IsCompleted);
        await leave.CancelAsync();

        Assert.True(await held.WaitAsync(Within));
        Assert.False(await watch.BeforeAsync(complete, CancellationToken.None));
        Assert.False(await watch.AfterAsync(complete with { Status = 200 }, CancellationToken.None));
    }

    [Fact]
    public void A_kubernetes_client_is_named_by_a_digest_of_its_token_never_the_token()
    {
        var named = CallWatch.KubernetesClient("Bearer replica-a-token");

        Assert.Matches("^k8s:[0-9a-f]{8}$", named);
        Assert.NotEqual(named, CallWatch.KubernetesClient("Bearer replica-b-token"));
        Assert.Equal("k8s:anonymous", CallWatch.KubernetesClient(null));
    }

    [Fact]
    public void The_hold_points_have_distinct_names()
    {
        Assert.Equal(12, HoldPoints.All.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Null(HoldPoints.Find("nowhere"));
    }

    private static StringContent Cordon() => new("""{"spec":{"unschedulable":true}}""", Encoding.UTF8, "application/merge-patch+json");

    /// <summary>Keeps the lines written; completes <see cref="Held"/> with the first <c>held:</c> line.</summary>
    private sealed class HeldWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> _lines = [];

        public Task<string> Held => _held.Task;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lines)
            {
                _lines.Add(value ?? string.Empty);
            }

            if (value?.StartsWith("held: ", StringComparison.Ordinal) == true)
            {
                _held.TrySetResult(value);
            }
        }
    }
}
