using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>The verbs on a resource URL: get, list, watch, create, update, patch, delete, and pods/eviction.</summary>
internal sealed class ResourceHandlers(ResourceService service)
{
    private readonly WatchStream _watch = new(service);

    public async Task HandleAsync(HttpContext context, ApiPath path, ResourceType type, CancellationToken ct)
    {
        var request = context.Request;
        var ns = type.Namespaced ? path.Namespace : null;
        if (path.Subresource is not null && !IsServedSubresource(type, path.Subresource))
        {
            throw ApiErrors.PathNotFound();
        }

        switch (request.Method)
        {
            case "GET" when path.LegacyWatch || RequestOptions.Flag(request, "watch"):
                await _watch.RunAsync(context, type, ns, Filter(request, path.Name, type.Kind), ct).ConfigureAwait(false);
                return;
            case "GET" when path.Name is null:
                await ListAsync(context, type, ns, ct).ConfigureAwait(false);
                return;
            case "GET":
                await RespondAsync(context, type, 200, service.Get(type, ns, path.Name), null, ct).ConfigureAwait(false);
                return;
            case "POST" when path.Name is null:
                await CreateAsync(context, type, ns, ct).ConfigureAwait(false);
                return;
            case "POST" when path.Subresource == "eviction":
                var eviction = await HttpIo.ReadObjectAsync(request, ct).ConfigureAwait(false);
                var outcome = service.Evict(ns ?? "default", path.Name, eviction, RequestOptions.DryRun(request));
                await HttpIo.WriteAsync(context.Response, 201, outcome, null, ct).ConfigureAwait(false);
                return;
            case "PUT" when path.Name is not null && path.Subresource != "eviction":
                var options = RequestOptions.Write(request);
                var body = await HttpIo.ReadObjectAsync(request, ct).ConfigureAwait(false);
                var updated = service.Update(type, ns, path.Name, body, path.Subresource, options);
                await RespondAsync(context, type, 200, updated, options.Warnings, ct).ConfigureAwait(false);
                return;
            case "PATCH" when path.Name is not null && path.Subresource != "eviction":
                await PatchAsync(context, type, ns, path, ct).ConfigureAwait(false);
                return;
            case "DELETE" when path.Name is not null && path.Subresource is null:
                await DeleteAsync(context, type, ns, path.Name, ct).ConfigureAwait(false);
                return;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    private static bool IsServedSubresource(ResourceType type, string subresource) =>
        (subresource == "status" && type.HasStatus) || (subresource == "eviction" && type.HasEviction);

    private async Task ListAsync(HttpContext context, ResourceType type, string? ns, CancellationToken ct)
    {
        var result = service.List(type, ns, Filter(context.Request, null, type.Kind));
        if (RequestOptions.WantsTable(context.Request))
        {
            var table = TableOutput.Print(type, result.Items, service.Time.GetUtcNow(), IncludeObject(context.Request), result.ResourceVersion);
            await HttpIo.WriteAsync(context.Response, 200, table, null, ct).ConfigureAwait(false);
            return;
        }

        var items = new JsonArray();
        foreach (var item in result.Items)
        {
            items.Add(item);
        }

        var list = new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = result.ResourceVersion },
            ["items"] = items,
        };
        await HttpIo.WriteAsync(context.Response, 200, list, null, ct).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourceType type, string? ns, CancellationToken ct)
    {
        var options = RequestOptions.Write(context.Request);
        var body = await HttpIo.ReadObjectAsync(context.Request, ct).ConfigureAwait(false);
        var created = service.Create(type, ns, body, options);
        await RespondAsync(context, type, 201, created, options.Warnings, ct).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, ResourceType type, string? ns, ApiPath path, CancellationToken ct)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        var kind = contentType switch
        {
            "application/json-patch+json" => PatchKind.Json,
            "application/merge-patch+json" => PatchKind.Merge,
            "application/strategic-merge-patch+json" => PatchKind.StrategicMerge,
            "application/apply-patch+yaml" or "application/apply-patch+cbor" => PatchKind.Apply,
            _ => throw ApiErrors.UnsupportedMediaType(contentType),
        };
        var options = RequestOptions.Write(context.Request);
        var body = await HttpIo.ReadBodyAsync(context.Request, ct).ConfigureAwait(false);
        var result = service.Patch(type, ns, path.Name!, kind, body, path.Subresource, options);
        await RespondAsync(context, type, result.Created ? 201 : 200, result.Object, options.Warnings, ct).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, ResourceType type, string? ns, string name, CancellationToken ct)
    {
        var request = context.Request;
        var text = await HttpIo.ReadBodyAsync(request, ct).ConfigureAwait(false);
        var body = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        var grace = RequestOptions.Query(request, "gracePeriodSeconds") is { } g && long.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : Meta.Long(body["gracePeriodSeconds"]);
        var options = new DeleteOptions
        {
            DryRun = RequestOptions.DryRun(request) || body["dryRun"] is JsonArray { Count: > 0 },
            GracePeriodSeconds = grace,
            PropagationPolicy = RequestOptions.Query(request, "propagationPolicy") ?? Meta.Str(body, "propagationPolicy"),
            PreconditionUid = Meta.Str(body["preconditions"], "uid"),
            PreconditionResourceVersion = Meta.Str(body["preconditions"], "resourceVersion"),
        };
        var deleted = service.Delete(type, ns, name, options);
        await HttpIo.WriteAsync(context.Response, 200, deleted, null, ct).ConfigureAwait(false);
    }

    private async Task RespondAsync(HttpContext context, ResourceType type, int status, JsonObject obj, IReadOnlyList<string>? warnings, CancellationToken ct)
    {
        JsonNode body = obj;
        if (context.Request.Method == "GET" && RequestOptions.WantsTable(context.Request))
        {
            body = TableOutput.Print(type, [obj], service.Time.GetUtcNow(), IncludeObject(context.Request), Meta.ResourceVersion(obj) ?? "");
        }

        await HttpIo.WriteAsync(context.Response, status, body, warnings, ct).ConfigureAwait(false);
    }

    private static string IncludeObject(HttpRequest request) => RequestOptions.Query(request, "includeObject") ?? "Metadata";

    private static Func<JsonObject, bool>? Filter(HttpRequest request, string? name, string kind)
    {
        var fieldSelector = RequestOptions.Query(request, "fieldSelector");
        if (name is not null)
        {
            fieldSelector = string.IsNullOrEmpty(fieldSelector) ? $"metadata.name={name}" : $"{fieldSelector},metadata.name={name}";
        }

        return SelectorFilter.Parse(RequestOptions.Query(request, "labelSelector"), fieldSelector, kind);
    }
}
