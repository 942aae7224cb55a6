using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WindowsNodeOperator.Sandbox.Calls;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>Routes every request: health, discovery, OpenAPI, then resource URLs; errors become v1.Status answers.</summary>
internal sealed partial class ApiRouter(
    ResourceService service, string kubernetesVersion, RequestCounter requests, RbacEnforcement? rbac, ILogger logger, CallWatch? calls = null)
{
    private static readonly Dictionary<string, string> NoParameters = [];

    private readonly DiscoveryDocuments _discovery = new(service.Catalog, kubernetesVersion);
    private readonly OpenApiDocuments _openApi = new(service.Catalog, kubernetesVersion);
    private readonly ResourceHandlers _resources = new(service);

    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return calls is not null && calls.Wants(context.Request.Method) ? WatchedAsync(calls, context) : ServeAsync(context);
    }

    /// <summary>A write shown to <paramref name="watch"/> before it is applied and, its answer kept back, once it is.</summary>
    private async Task WatchedAsync(CallWatch watch, HttpContext context)
    {
        var ct = context.RequestAborted;
        var request = context.Request;
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        var call = new WireCall(CallWatch.KubernetesClient(request.Headers.Authorization), request.Method, request.Path.Value ?? "/", Action: null, NoParameters, body);
        if (await watch.BeforeAsync(call, ct).ConfigureAwait(false))
        {
            return;
        }

        var wire = context.Response.Body;
        using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = wire;
        }

        if (await watch.AfterAsync(call with { Status = context.Response.StatusCode }, ct).ConfigureAwait(false))
        {
            return;
        }

        answer.Position = 0;
        await answer.CopyToAsync(wire, ct).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var path = context.Request.Path.Value ?? "/";
        LogRequest(logger, context.Request.Method, path, context.Request.QueryString.Value ?? "");
        try
        {
            var user = rbac?.Check(context.Request) ?? SandboxUser.Admin;
            if (Document(context, path.TrimEnd('/')) is { } document)
            {
                requests.Record(context.Request.Headers.UserAgent, context.Request.Method, path.TrimEnd('/'));
                await HttpIo.WriteAsync(context.Response, 200, document, null, ct).ConfigureAwait(false);
                return;
            }

            var parsed = ApiPath.Parse(path, (g, v, plural) => service.Catalog.Find(g, v, plural)?.Namespaced == true);
            var type = parsed?.Plural is { } p ? service.Catalog.Find(parsed.Group, parsed.Version, p) : null;
            if (parsed is null || type is null)
            {
                throw ApiErrors.PathNotFound();
            }

            requests.Record(context.Request.Headers.UserAgent, Verb(context.Request, parsed), parsed.Subresource is { } sub ? $"{parsed.Plural}/{sub}" : parsed.Plural!);

            if (type == BuiltInResources.SelfSubjectAccessReviews)
            {
                await ReviewAsync(context, user, ct).ConfigureAwait(false);
                return;
            }

            await _resources.HandleAsync(context, parsed, type, ct).ConfigureAwait(false);
        }
        catch (SandboxApiException ex) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteAsync(context.Response, ex.Code, ex.ToStatus(), null, ct).ConfigureAwait(false);
        }
        catch (JsonException ex) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteAsync(context.Response, 400, ApiErrors.BadRequest(ex.Message).ToStatus(), null, ct).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (!context.Response.HasStarted)
        {
            // A malformed body of the right JSON syntax but wrong shape (a number where an object belongs).
            await HttpIo.WriteAsync(context.Response, 400, ApiErrors.BadRequest(ex.Message).ToStatus(), null, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task ReviewAsync(HttpContext context, SandboxUser user, CancellationToken ct)
    {
        if (context.Request.Method != "POST")
        {
            throw ApiErrors.MethodNotAllowed();
        }

        var review = await HttpIo.ReadObjectAsync(context.Request, ct).ConfigureAwait(false);
        var answer = rbac?.Review(user, review) ?? new RbacEnforcement(service).Review(SandboxUser.Admin, review);
        await HttpIo.WriteAsync(context.Response, 201, answer, null, ct).ConfigureAwait(false);
    }

    private static string Verb(HttpRequest request, ApiPath path) => request.Method switch
    {
        "GET" when path.LegacyWatch || RequestOptions.Flag(request, "watch") => "WATCH",
        "GET" when path.Name is null => "LIST",
        var method => method,
    };

    private JsonNode? Document(HttpContext context, string path)
    {
        var segments = path.Trim('/').Split('/');
        return path switch
        {
            "/healthz" or "/readyz" or "/livez" => JsonValue.Create("ok"),
            "/version" => _discovery.Version(),
            "/api" => DiscoveryDocuments.CoreVersions(context.Request.Host.Value ?? ""),
            "/apis" => _discovery.GroupList(),
            "/openapi/v2" => _openApi.V2(),
            "/openapi/v3" => _openApi.V3Root(),
            _ when segments is ["openapi", "v3", "api", var v] => _openApi.V3GroupVersion("", v),
            _ when segments is ["openapi", "v3", "apis", var g, var v] => _openApi.V3GroupVersion(g, v),
            _ when segments is ["api", var v] => _discovery.ResourceList("", v),
            _ when segments is ["apis", var g] => _discovery.Group(g),
            _ when segments is ["apis", var g, var v] => _discovery.ResourceList(g, v),
            _ => null,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}{Query}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query);
}
