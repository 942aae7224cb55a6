using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WindowsNodeOperator.Runtime.Hosting;

namespace WindowsNodeOperator.Runtime.Status;

internal sealed partial class StatusWriter(IKubernetes client, IOptions<ControllerRuntimeOptions> options, ILogger<StatusWriter> logger)
    : IStatusWriter
{
    internal const int MaxAttempts = 5;

    public async Task<bool> WriteAsync(ResourceType type, ObjectKey key, object status, long? observedGeneration, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(status);

        var desired = ToNode(status) as JsonObject ?? throw new ArgumentException("Status must serialize to a JSON object.", nameof(status));
        if (observedGeneration is { } generation)
        {
            desired["observedGeneration"] = generation;
        }

        for (var attempt = 1; ; attempt++)
        {
            // 1. Read the live object: the status to compare with, and the version to guard the write.
            var current = await ReadAsync(type, key, ct).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            // 2. Unchanged: no write, so an idle controller makes no API traffic and no new resourceVersion.
            if (!MergePatch.TryCreate(current["status"], desired, out var statusPatch))
            {
                return false;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject { ["resourceVersion"] = current["metadata"]?["resourceVersion"]?.DeepClone() },
                ["status"] = statusPatch,
            };
            try
            {
                await PatchAsync(type, key, patch, ct).ConfigureAwait(false);
                return true;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict && attempt < MaxAttempts)
            {
                // 3. Someone wrote in between: read again and recompute the patch.
                LogConflict(logger, key, attempt);
            }
        }
    }

    private async Task<JsonObject?> ReadAsync(ResourceType type, ObjectKey key, CancellationToken ct)
    {
        try
        {
            var raw = type.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectAsync(type.Group, type.Version, key.Namespace, type.Plural, key.Name, ct).ConfigureAwait(false)
                : await client.CustomObjects.GetClusterCustomObjectAsync(type.Group, type.Version, type.Plural, key.Name, ct).ConfigureAwait(false);
            return ToNode(raw) as JsonObject;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<object> PatchAsync(ResourceType type, ObjectKey key, JsonObject patch, CancellationToken ct)
    {
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        var fieldManager = options.Value.FieldManager ?? options.Value.ReportingController;
        return type.Namespaced
            ? client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(body, type.Group, type.Version, key.Namespace, type.Plural, key.Name, fieldManager: fieldManager, cancellationToken: ct)
            : client.CustomObjects.PatchClusterCustomObjectStatusAsync(body, type.Group, type.Version, type.Plural, key.Name, fieldManager: fieldManager, cancellationToken: ct);
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)),
    };

    [LoggerMessage(4001, LogLevel.Debug, "Status write of {Key} conflicted (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, ObjectKey key, int attempt);
}
