using System.Text.Json;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

internal sealed partial class ResourceService
{
    /// <summary>Applies a patch of any of the four kinds; server-side apply creates the object when absent.</summary>
    public WriteResult Patch(ResourceType type, string? ns, string name, PatchKind kind, string body, string? subresource, WriteOptions options)
    {
        if (kind == PatchKind.StrategicMerge && (type.IsCustom || !Patches.SupportsStrategic(type)))
        {
            // kube-apiserver has no strategic merge metadata for custom resources: 415, and kubectl retries with a merge patch.
            throw ApiErrors.UnsupportedMediaType("application/strategic-merge-patch+json");
        }

        if (kind == PatchKind.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiErrors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var patch = ParsePatch(kind, body);
        lock (Store.Sync)
        {
            var stored = Store.Get(type.StorageKey, type.Namespaced ? ns : null, name);
            if (stored is null)
            {
                if (kind != PatchKind.Apply || subresource is not null)
                {
                    throw ApiErrors.NotFound(type, name);
                }

                var applied = (JsonObject)patch;
                var appliedName = Meta.Name(applied);
                if (appliedName.Length > 0 && appliedName != name)
                {
                    throw ApiErrors.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
                }

                Meta.Metadata(applied)["name"] = name;
                ServerSideApply.RecordManager(applied, applied, type, options.FieldManager!, Time.GetUtcNow());
                return new WriteResult(CreateLocked(type, ns, applied, options), Created: true);
            }

            var view = Conversions.FromStorage(type, stored);
            var patched = kind switch
            {
                PatchKind.Json => Patches.ApplyJson(view, patch as JsonArray ?? throw ApiErrors.BadRequest("json patch must be an array of operations")),
                PatchKind.Merge => Patches.ApplyMerge(view, patch),
                PatchKind.StrategicMerge => Patches.ApplyStrategic(view, patch, type),
                _ => ServerSideApply.Apply(view, (JsonObject)patch, type, options.FieldManager!, Time.GetUtcNow()),
            };
            if (patched is not JsonObject result)
            {
                throw ApiErrors.Unprocessable("the patch result is not an object");
            }

            return new WriteResult(UpdateLocked(type, ns, name, result, subresource, options), Created: false);
        }
    }

    private static JsonNode ParsePatch(PatchKind kind, string body)
    {
        try
        {
            if (kind == PatchKind.Apply)
            {
                return YamlJson.Parse(body) as JsonObject
                    ?? throw ApiErrors.BadRequest("apply patch must be an object");
            }

            return JsonNode.Parse(body) ?? throw ApiErrors.BadRequest("empty patch");
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw ApiErrors.BadRequest($"error decoding patch: {ex.Message}");
        }
    }
}
