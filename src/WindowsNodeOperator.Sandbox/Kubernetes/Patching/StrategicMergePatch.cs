using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>
/// Kubernetes strategic merge patch (application/strategic-merge-patch+json) as kube-apiserver applies it:
/// merge lists by their merge key, <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/</c> and
/// <c>$deleteFromPrimitiveList/</c> directives, null deletes.
/// </summary>
/// <remarks>https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md</remarks>
public static class StrategicMergePatch
{
    internal const string Directive = "$patch";
    internal const string RetainKeys = "$retainKeys";
    internal const string SetElementOrderPrefix = "$setElementOrder/";
    internal const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode patch, PatchMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (target is not JsonObject original || patch is not JsonObject patchObject)
        {
            throw new PatchException("invalid JSON document", 400);
        }

        return MergeMap((JsonObject)original.DeepClone(), (JsonObject)patchObject.DeepClone(), string.Empty, meta);
    }

    internal static JsonObject MergeMap(JsonObject original, JsonObject patch, string path, PatchMeta meta)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            return DirectiveOnMap(directive, patch);
        }

        ApplyRetainKeys(original, patch);
        StrategicListMerge.ApplySetElementOrder(original, patch, path, meta);

        foreach (var (rawKey, patchValue) in patch.ToArray())
        {
            var key = rawKey;
            var isDeleteList = false;
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                key = key[DeleteFromPrimitiveListPrefix.Length..];
                isDeleteList = true;
            }
            else if (key.StartsWith('$'))
            {
                continue;
            }

            if (patchValue is null)
            {
                original.Remove(key);
                continue;
            }

            var childPath = Child(path, key);
            original.TryGetPropertyValue(key, out var originalValue);
            switch (originalValue, patchValue)
            {
                case (JsonObject o, JsonObject p) when !isDeleteList:
                    var mapField = meta.Lookup(childPath);
                    Set(original, key, mapField?.Strategy == PatchStrategy.Replace ? Clean(p) : MergeMap(o, p, childPath, meta));
                    break;
                case (JsonArray o, JsonArray p) when isDeleteList:
                    Set(original, key, StrategicListMerge.DeleteFromPrimitives(o, p));
                    break;
                case (JsonArray o, JsonArray p):
                    var listField = meta.Lookup(childPath);
                    Set(original, key, listField?.Strategy == PatchStrategy.Merge
                        ? StrategicListMerge.Merge(o, p, listField.MergeKey, childPath, meta)
                        : Clean(p));
                    break;
                default:
                    if (!isDeleteList)
                    {
                        original[key] = Clean(patchValue);
                    }

                    break;
            }
        }

        return original;
    }

    /// <summary>Sets a member unless it already holds that very node (a node may have one parent only).</summary>
    internal static void Set(JsonObject obj, string key, JsonNode? value)
    {
        if (!obj.TryGetPropertyValue(key, out var existing) || !ReferenceEquals(existing, value))
        {
            obj[key] = value;
        }
    }

    internal static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>A copy of a patch value to store as is: null members and directives dropped, as typed decoding would.</summary>
    internal static JsonNode? Clean(JsonNode? value) => value switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Value is not null && !p.Key.StartsWith('$'))
            .Select(p => KeyValuePair.Create(p.Key, Clean(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Clean).ToArray()),
        _ => value?.DeepClone(),
    };

    private static JsonObject DirectiveOnMap(JsonNode? directive, JsonObject patch)
    {
        switch (directive?.GetValueKind() == System.Text.Json.JsonValueKind.String ? directive.GetValue<string>() : null)
        {
            case "replace":
                patch.Remove(Directive);
                return (JsonObject)Clean(patch)!;
            case "delete":
                return [];
            default:
                throw new PatchException($"unknown patch type: {directive?.ToJsonString()} in map: {patch.ToJsonString()}", 500);
        }
    }

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            return;
        }

        patch.Remove(RetainKeys);
        if (retain is not JsonArray list)
        {
            throw new PatchException("invalid patch format of retainKeys", 400);
        }

        var keep = list.Select(k => k?.GetValueKind() == System.Text.Json.JsonValueKind.String ? k.GetValue<string>() : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!keep.Contains(key))
            {
                throw new PatchException("invalid patch format of retainKeys", 400);
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToArray())
        {
            original.Remove(key);
        }
    }
}
