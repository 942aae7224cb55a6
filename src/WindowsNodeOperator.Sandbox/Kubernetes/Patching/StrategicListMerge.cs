using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>The list half of strategic merge patch: merge by key, list directives and element order.</summary>
internal static class StrategicListMerge
{
    /// <summary>Merges a patch list into a list whose field has the merge strategy.</summary>
    public static JsonArray Merge(JsonArray original, JsonArray patch, string? mergeKey, string path, PatchMeta meta)
    {
        var originalItems = Detach(original);
        var patchItems = patch.ToList();
        if (originalItems.Count == 0 && patchItems.Count == 0)
        {
            return [];
        }

        var isMaps = ElementsAreMaps(originalItems, patchItems);
        List<JsonNode?> merged;
        if (!isMaps)
        {
            merged = Distinct(originalItems.Concat(patchItems.Select(StrategicMergePatch.Clean)));
        }
        else
        {
            var key = mergeKey ?? throw new PatchException("cannot merge lists without merge key for type map", 500);
            (originalItems, patchItems) = WithSpecialElements(originalItems, patchItems, key);
            merged = WithoutSpecialElements(originalItems, patchItems, key, path, meta);
        }

        var key2 = isMaps ? mergeKey : null;
        var (inPatch, serverOnly) = Partition(merged, patchItems, key2);
        return [.. NormalizeOrder(inPatch, serverOnly, patchItems, originalItems, key2)];
    }

    public static JsonArray DeleteFromPrimitives(JsonArray original, JsonArray toDelete)
    {
        var kept = Detach(original).Where(v => !toDelete.Any(d => JsonNode.DeepEquals(d, v)));
        return [.. kept];
    }

    /// <summary>Handles every <c>$setElementOrder/field</c> of a patch map, as kube does before the other keys.</summary>
    public static void ApplySetElementOrder(JsonObject original, JsonObject patch, string path, PatchMeta meta)
    {
        foreach (var (directiveKey, orderNode) in patch.ToArray())
        {
            if (!directiveKey.StartsWith(StrategicMergePatch.SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            patch.Remove(directiveKey);
            var key = directiveKey[StrategicMergePatch.SetElementOrderPrefix.Length..];
            if (orderNode is not JsonArray orderArray || key.Length == 0)
            {
                throw new PatchException("invalid patch format of setElementOrder list", 400);
            }

            original.TryGetPropertyValue(key, out var originalNode);
            patch.TryGetPropertyValue(key, out var patchNode);
            if (originalNode is null && patchNode is null)
            {
                continue;
            }

            if ((originalNode is not null and not JsonArray) || (patchNode is not null and not JsonArray))
            {
                throw new PatchException("invalid patch format of setElementOrder list", 400);
            }

            var field = meta.Lookup(StrategicMergePatch.Child(path, key));
            var order = orderArray.ToList();
            var originalOrder = (originalNode as JsonArray)?.Select(n => n?.DeepClone()).ToList() ?? [];
            var patchList = (patchNode as JsonArray)?.ToList() ?? [];
            var mergeKey = ElementsAreMaps(originalOrder, patchList) ? field?.MergeKey : null;
            ValidateOrder(patchList, order, mergeKey);

            var mergedList = patchNode switch
            {
                null => new JsonArray([.. Detach((JsonArray)originalNode!)]),
                JsonArray p when field?.Strategy == PatchStrategy.Merge =>
                    Merge(originalNode as JsonArray ?? [], p, field.MergeKey, StrategicMergePatch.Child(path, key), meta),
                JsonArray p => (JsonArray)StrategicMergePatch.Clean(p)!,
                _ => throw new PatchException("invalid patch format of setElementOrder list", 400),
            };

            var (inOrder, serverOnly) = Partition(Detach(mergedList), order, mergeKey);
            original[key] = new JsonArray([.. NormalizeOrder(inOrder, serverOnly, order, originalOrder, mergeKey)]);
            patch.Remove(key);
        }
    }

    private static (List<JsonNode?> Original, List<JsonNode?> Patch) WithSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var plain = new List<JsonNode?>();
        var replace = false;
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            if (!map.TryGetPropertyValue(StrategicMergePatch.Directive, out var directive))
            {
                plain.Add(item);
                continue;
            }

            switch (directive?.GetValueKind() == JsonValueKind.String ? directive.GetValue<string>() : null)
            {
                case "delete":
                    var value = MergeKeyValue(map, mergeKey);
                    original = original.Where(o => !JsonNode.DeepEquals(MergeKeyValueOrNull(o, mergeKey), value)).ToList();
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw new PatchException("merging lists cannot yet be specified in the patch", 500);
                default:
                    throw new PatchException($"unknown patch type: {directive?.ToJsonString()} in map: {map.ToJsonString()}", 500);
            }
        }

        return replace ? (plain.Select(StrategicMergePatch.Clean).ToList(), []) : (original, plain);
    }

    private static List<JsonNode?> WithoutSpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, string path, PatchMeta meta)
    {
        var result = new List<JsonNode?>(original);
        foreach (var item in patch)
        {
            var map = (JsonObject)item!;
            var value = MergeKeyValue(map, mergeKey);
            var index = result.FindIndex(o => JsonNode.DeepEquals(MergeKeyValueOrNull(o, mergeKey), value));
            if (index >= 0)
            {
                result[index] = StrategicMergePatch.MergeMap((JsonObject)result[index]!, map, path, meta);
            }
            else
            {
                result.Add(StrategicMergePatch.Clean(map));
            }
        }

        return result;
    }

    /// <summary>
    /// kube's normalizeElementOrder: patch items sorted by the patch (or $setElementOrder) order, server-only
    /// items by the live order, then interleaved by the live order, a patch item going first when unplaceable.
    /// </summary>
    private static List<JsonNode?> NormalizeOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? mergeKey)
    {
        var right = SortBy(patchItems, patchOrder, mergeKey);
        var left = SortBy(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else
            {
                var li = IndexOf(serverOrder, left[i], mergeKey);
                var ri = IndexOf(serverOrder, right[j], mergeKey);
                result.Add(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string? mergeKey) =>
        items.Select((item, position) => (item, position, index: IndexOf(order, item, mergeKey)))
            .OrderBy(x => x.index < 0 ? int.MaxValue : x.index)
            .ThenBy(x => x.position)
            .Select(x => x.item)
            .ToList();

    private static (List<JsonNode?> InList, List<JsonNode?> NotInList) Partition(List<JsonNode?> items, List<JsonNode?> by, string? mergeKey)
    {
        var inList = items.Where(i => IndexOf(by, i, mergeKey) >= 0).ToList();
        return (inList, items.Where(i => !inList.Contains(i)).ToList());
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string? mergeKey)
    {
        var value = mergeKey is null ? item : MergeKeyValueOrNull(item, mergeKey);
        return list.FindIndex(o => JsonNode.DeepEquals(mergeKey is null ? o : MergeKeyValueOrNull(o, mergeKey), value));
    }

    /// <summary>Every patch item (deletions aside) must appear in $setElementOrder, in the same relative order.</summary>
    private static void ValidateOrder(List<JsonNode?> patch, List<JsonNode?> order, string? mergeKey)
    {
        var items = patch.Where(p => p is not JsonObject o || !o.ContainsKey(StrategicMergePatch.Directive)).ToList();
        int p = 0, o = 0;
        while (p < items.Count && o < order.Count)
        {
            var same = mergeKey is null
                ? JsonNode.DeepEquals(items[p], order[o])
                : JsonNode.DeepEquals(MergeKeyValueOrNull(items[p], mergeKey), MergeKeyValueOrNull(order[o], mergeKey));
            p += same ? 1 : 0;
            o++;
        }

        if (p < items.Count && order.Count > 0)
        {
            throw new PatchException(
                $"The order in patch list:\n{new JsonArray([.. items.Select(x => x?.DeepClone())]).ToJsonString()}\n doesn't match $setElementOrder list:\n{new JsonArray([.. order.Select(x => x?.DeepClone())]).ToJsonString()}\n",
                500);
        }
    }

    private static bool ElementsAreMaps(List<JsonNode?> original, List<JsonNode?> patch)
    {
        var kinds = original.Concat(patch).Select(n => n?.GetValueKind() ?? JsonValueKind.Null).Distinct().ToList();
        if (kinds.Contains(JsonValueKind.Array))
        {
            throw new PatchException("lists of lists are not supported", 422);
        }

        var normalized = kinds.Select(k => k is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : k).Distinct().Count();
        if (normalized > 1)
        {
            throw new PatchException("list element types are not identical", 500);
        }

        return kinds.Contains(JsonValueKind.Object);
    }

    private static JsonNode? MergeKeyValue(JsonObject map, string mergeKey) =>
        map.TryGetPropertyValue(mergeKey, out var value)
            ? value
            : throw new PatchException($"map: {map.ToJsonString()} does not contain declared merge key: {mergeKey}", 500);

    private static JsonNode? MergeKeyValueOrNull(JsonNode? item, string mergeKey) =>
        item is JsonObject map && map.TryGetPropertyValue(mergeKey, out var value) ? value : null;

    private static List<JsonNode?> Distinct(IEnumerable<JsonNode?> items)
    {
        var result = new List<JsonNode?>();
        foreach (var item in items.Where(item => !result.Any(r => JsonNode.DeepEquals(r, item))))
        {
            result.Add(item);
        }

        return result;
    }

    /// <summary>Takes the items out of an array so they can be placed in another.</summary>
    private static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }
}
