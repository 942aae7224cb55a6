using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox.Calls;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The simulated AWS account served over HTTP on 127.0.0.1: EC2 (EC2 protocol), Auto Scaling (AWS Query) and SSM (JSON 1.1)
/// on one listener, told apart by the SigV4 credential scope. Point any AWS client's endpoint at <see cref="BaseAddress"/>.
/// </summary>
public sealed class SimulatedAwsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedAwsServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts listening on <paramref name="port"/> (0: a free port).</summary>
    public static Task<SimulatedAwsServer> StartAsync(SimulatedCloud cloud, int port = 0, CancellationToken ct = default) =>
        StartAsync(cloud, calls: null, port, ct);

    /// <summary>Starts listening, with every call shown to <paramref name="calls"/> (held or printed as it asks).</summary>
    internal static async Task<SimulatedAwsServer> StartAsync(SimulatedCloud cloud, CallWatch? calls, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var front = new SimulatedAwsFront(cloud);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(context => ServeAsync(front, calls is { IsOn: true } ? calls : null, context));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var bound = new Uri(address).Port;
        return new SimulatedAwsServer(app, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{bound}/")));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(SimulatedAwsFront front, CallWatch? calls, HttpContext context)
    {
        var ct = context.RequestAborted;
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var headers = context.Request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? string.Empty)));
        var request = WireRequest.Create(context.Request.Method, context.Request.QueryString.Value, headers, buffer.ToArray());
        var call = calls is null ? null : Seen(request);
        if (call is not null && await calls!.BeforeAsync(call, ct).ConfigureAwait(false))
        {
            return;
        }

        var answer = front.Handle(request);
        if (call is not null && !answer.Unanswered && await calls!.AfterAsync(call with { Status = answer.Dropped ? 0 : answer.StatusCode }, ct).ConfigureAwait(false))
        {
            return;
        }

        if (answer.Unanswered)
        {
            // Held open with no answer until the client gives up and closes it.
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        if (answer.Dropped)
        {
            // The call took effect; its answer is lost, as when a connection is reset.
            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        context.Response.Headers["x-amzn-RequestId"] = answer.RequestId;
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, ct).ConfigureAwait(false);
    }

    /// <summary>The call as a <see cref="CallWatch"/> sees it: the caller's access key, the action (Query or JSON target) and its target's parameters.</summary>
    private static WireCall Seen(WireRequest request)
    {
        var client = request.Header("Authorization") is { } authorization && CredentialScope.Parse(authorization) is { } scope ? "aws:" + scope.AccessKeyId : "aws:anonymous";
        if (request.Header("X-Amz-Target") is { } target)
        {
            return new WireCall(client, request.Method, "/", target[(target.LastIndexOf('.') + 1)..], new Dictionary<string, string>(), Body: null);
        }

        var form = QueryForm.Read(request, QueryFlavor.Query);
        var parameters = WireCall.ShownParameters.Where(p => form.Get(p) is not null).ToDictionary(p => p, p => form.Get(p)!, StringComparer.Ordinal);
        return new WireCall(client, request.Method, "/", form.Get("Action"), parameters, Body: null);
    }
}
