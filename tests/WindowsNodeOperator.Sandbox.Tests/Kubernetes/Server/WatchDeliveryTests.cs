using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>
/// The server's count of changes not yet sent on its open watches, which a harness on a fake clock waits to see at 0:
/// a change counts until its event is written and flushed to each HTTP watch (or read by an in-process watcher).
/// </summary>
public sealed class WatchDeliveryTests
{
    [Fact]
    public async Task A_change_counts_as_undelivered_until_each_watch_has_sent_it()
    {
        await using var server = await SandboxApiServer.StartAsync(new SandboxApiServerOptions());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // An in-process watcher that has not read yet holds the change as undelivered.
        await using var inProcess = server.Store.WatchAsync("v1", "configmaps", "default", resourceVersion: null, timeout.Token).GetAsyncEnumerator();
        var pending = inProcess.MoveNextAsync();
        using var response = await http.GetAsync("api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));

        server.Store.Create(ConfigMap("first"));
        var line = await reader.ReadLineAsync(timeout.Token);
        Assert.Equal("ADDED", JsonNode.Parse(line!)!["type"]!.GetValue<string>());

        // The HTTP watch wrote and flushed it (its client just read it; the server marks it sent right after the flush);
        // the in-process one has taken it too.
        Assert.True(await pending);
        Assert.True(SpinWait.SpinUntil(() => server.Store.UndeliveredWatchEvents == 0, TimeSpan.FromSeconds(10)));

        // The in-process watcher stops reading: the next change waits for it.
        server.Store.Create(ConfigMap("second"));
        Assert.Equal("ADDED", JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!["type"]!.GetValue<string>());
        Assert.True(SpinWait.SpinUntil(() => server.Store.UndeliveredWatchEvents == 1, TimeSpan.FromSeconds(10)));
        Assert.True(await inProcess.MoveNextAsync());
        Assert.Equal(0, server.Store.UndeliveredWatchEvents);
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    };
}
