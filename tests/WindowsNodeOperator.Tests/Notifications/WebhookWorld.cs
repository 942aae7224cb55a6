using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Notifications;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Tests.Notifications;

/// <summary>A notifier with one webhook (named "test") pointed at a loopback receiver, on a fake clock.</summary>
internal sealed class WebhookWorld : IAsyncDisposable
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first backoff with the jitter pinned at 0.5: three quarters of one second.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(750);

    private readonly ServiceProvider _services;
    private readonly HttpClient _http;


    private WebhookWorld(WebhookReceiver receiver, Action<WebhookOptions>? configure, Uri? url)
    {
        Receiver = receiver;
        _http = new HttpClient();
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        Metrics = new WebhookMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        Counts = new DeliveryCounts(Metrics);
        Options = new WebhookOptions { Name = "test", UrlEnv = "TEST_WEBHOOK_URL", Timeout = AttemptTimeout };
        configure?.Invoke(Options);
        var target = (url ?? receiver.Url).ToString();
        var endpoint = new WebhookEndpoint(
            Options, name => name == "TEST_WEBHOOK_URL" ? target : null, new WebhookSender(_http, Clock), Metrics, Clock, Logs, () => 0.5);
        Notifier = new WebhookNotifier([endpoint], Leadership, Metrics, Clock, NullLogger<WebhookNotifier>.Instance);
    }

    public WebhookReceiver Receiver { get; }

    public ObservedClock Clock { get; } = new();

    public TestLeadership Leadership { get; } = new();

    public RecordingLogger Logs { get; } = new();

    public WebhookMetrics Metrics { get; }

    public DeliveryCounts Counts { get; }

    public WebhookOptions Options { get; }

    public WebhookNotifier Notifier { get; }

    public static async Task<WebhookWorld> StartAsync(Action<WebhookOptions>? configure = null, Uri? url = null)
    {
        var world = new WebhookWorld(await WebhookReceiver.StartAsync(), configure, url);
        await world.Notifier.StartAsync(CancellationToken.None);
        return world;
    }

    public static WindowsNodePolicy Policy() => new()
    {
        ApiVersion = "windowsnode.io/v1alpha1",
        Kind = "WindowsNodePolicy",
        Metadata = new V1ObjectMeta { Name = "windows-2022", Uid = "0b8f6f3e-policy-uid" },
    };

    public static V1Node Node(string name = "ip-10-0-1-17.ec2.internal") => new()
    {
        ApiVersion = "v1",
        Kind = "Node",
        Metadata = new V1ObjectMeta { Name = name, Uid = $"{name}-uid" },
    };

    public static EventNotice Refreshed(string note = "instance refresh 0a1b-2c3d of group eks-win-a to AMI ami-0123456789abcdef0 ended Successful") =>
        new(Policy(), null, EventTypes.Normal, "InstanceRefreshSucceeded", "Refresh", note);

    public static EventNotice Drained(int n) =>
        new(Policy(), Node($"node-{n}"), EventTypes.Normal, "NodeDrained", "Drain", $"node node-{n} (i-0{n}) drained (Drained, 0 pod(s) evicted); termination continues");

    public static JsonObject Json(WebhookReceiver.Received received) => JsonNode.Parse(received.Body)!.AsObject();

    public async ValueTask DisposeAsync()
    {
        await Notifier.StopAsync(CancellationToken.None);
        Notifier.Dispose();
        await Receiver.DisposeAsync();
        Counts.Dispose();
        Leadership.Dispose();
        _http.Dispose();
        await _services.DisposeAsync();
    }
}
