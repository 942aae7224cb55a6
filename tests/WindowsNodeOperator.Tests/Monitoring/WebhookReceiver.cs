using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Hosting.Configuration;
using WindowsNodeOperator.Hosting.Endpoints;

namespace WindowsNodeOperator.Tests.Monitoring;

/// <summary>Where Alertmanager delivers: each alert of each webhook notification, as it arrives.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<DeliveredAlert> _alerts = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly HttpEndpoint _endpoint;

    public WebhookReceiver(int port) =>
        _endpoint = new HttpEndpoint(BindAddress.Parse($"127.0.0.1:{port}"), routes => routes.MapPost("/hook", ReceiveAsync));

    public Uri Url => new($"http://{_endpoint.Address!.Authority}/hook");

    public IReadOnlyList<DeliveredAlert> Alerts => [.. _alerts];

    public Task StartAsync() => _endpoint.StartAsync(CancellationToken.None);

    /// <summary>Waits for a delivered alert that matches, or fails naming what was delivered.</summary>
    public async Task<DeliveredAlert> WaitForAsync(Func<DeliveredAlert, bool> match, string what, TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        while (true)
        {
            if (_alerts.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what}: not delivered within {within}; delivered: {string.Join(", ", Alerts)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body);
        foreach (var alert in body!["alerts"]!.AsArray())
        {
            var labels = alert!["labels"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
            var annotations = alert["annotations"]!.AsObject().ToDictionary(l => l.Key, l => l.Value!.GetValue<string>());
            _alerts.Enqueue(new DeliveredAlert(alert["status"]!.GetValue<string>(), labels, annotations, DateTimeOffset.UtcNow));
            _arrived.Release();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
