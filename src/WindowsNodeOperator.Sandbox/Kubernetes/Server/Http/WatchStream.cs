using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Storage;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Http;

/// <summary>
/// A watch response: newline-delimited JSON events flushed one by one, selector transitions as
/// ADDED/DELETED, a 410 ERROR event for a compacted resourceVersion, Table objects when asked.
/// https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
/// </summary>
internal sealed class WatchStream(ResourceService service)
{
    public async Task RunAsync(HttpContext context, ResourceType type, string? ns, Func<JsonObject, bool>? filter, CancellationToken ct)
    {
        var request = context.Request;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var table = RequestOptions.WantsTable(request);
        var includeObject = RequestOptions.Query(request, "includeObject") ?? "Metadata";
        WatchSubscription subscription;
        try
        {
            subscription = service.Watch(type, ns, RequestOptions.Query(request, "resourceVersion"));
        }
        catch (SandboxApiException ex) when (ex.Code == 410)
        {
            await WriteEventAsync(response, "ERROR", ex.ToStatus(), ct).ConfigureAwait(false);
            return;
        }

        using (subscription)
        {
            using var timeout = RequestOptions.Timeout(request) is { } after
                ? new CancellationTokenSource(after, service.Time)
                : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            await response.StartAsync(ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            var columnsSent = false;
            try
            {
                while (await subscription.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    while (subscription.Reader.TryRead(out var change))
                    {
                        if (Translate(type, change, filter) is not { } translated)
                        {
                            subscription.Delivered();
                            continue;
                        }

                        var (eventType, obj) = translated;

                        if (table)
                        {
                            var rv = Meta.ResourceVersion(obj) ?? "";
                            var printed = TableOutput.Print(type, [obj], service.Time.GetUtcNow(), includeObject, rv);
                            if (columnsSent)
                            {
                                printed["columnDefinitions"] = new JsonArray();
                            }

                            columnsSent = true;
                            obj = printed;
                        }

                        await WriteEventAsync(response, eventType, obj, linked.Token).ConfigureAwait(false);
                        subscription.Delivered();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout or client gone: the watch ends, as kube-apiserver ends it.
            }
        }
    }

    private static (string Type, JsonObject Object)? Translate(ResourceType type, StoredChange change, Func<JsonObject, bool>? filter)
    {
        var obj = Conversions.FromStorage(type, change.Object);
        if (filter is null)
        {
            return (change.Type, obj);
        }

        var now = filter(obj);
        var before = change.Previous is { } previous && filter(Conversions.FromStorage(type, previous));
        return change.Type switch
        {
            "ADDED" when now => ("ADDED", obj),
            "MODIFIED" when now && before => ("MODIFIED", obj),
            "MODIFIED" when now => ("ADDED", obj),
            "MODIFIED" when before => ("DELETED", obj),
            "DELETED" when now || before => ("DELETED", obj),
            _ => null,
        };
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await response.WriteAsync(line, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }
}
