using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WindowsNodeOperator.Tests.Notifications;

/// <summary>A webhook receiver on loopback (Kestrel) that answers each request as scripted and keeps what it received.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public const string SecretPath = "/services/T0SECRET/B0SECRET/xoxsecretwebhooktoken";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script = new();
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();
    private readonly List<Received> _all = [];
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The URL with a secret in its path, as Slack's are.</summary>
    public Uri Url { get; }

    public IReadOnlyList<Received> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}{SecretPath}"));
        return receiver;
    }

    /// <summary>The next requests get these answers in order; after them, 200.</summary>
    public void Script(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>The next request to arrive (at most 20 s of real time: a guard, not a wait the test relies on).</summary>
    public async Task<Received> NextAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _received.Reader.ReadAsync(guard.Token);
    }

    /// <summary>Ends every hung request, now and later, with an empty 200 (to a client that has usually gone).</summary>
    public void ReleaseHung() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseHung();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var received = new Received(
            body,
            context.Request.ContentType,
            context.Request.Headers["Idempotency-Key"].ToString(),
            context.Request.Path);
        lock (_all)
        {
            _all.Add(received);
        }

        _received.Writer.TryWrite(received);
        var answer = _script.TryDequeue(out var next) ? next : Answer.Ok;
        if (answer.Hang)
        {
            // Until the client gives up, or the test lets hung requests go.
            var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
            await Task.WhenAny(aborted.Task, _released.Task);
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    internal sealed record Received(string Body, string? ContentType, string IdempotencyKey, string Path);

    internal sealed record Answer(int Status, bool Hang = false, int? RetryAfterSeconds = null)
    {
        public static Answer Ok { get; } = new(200);

        public static Answer Hanging { get; } = new(0, Hang: true);
    }
}
