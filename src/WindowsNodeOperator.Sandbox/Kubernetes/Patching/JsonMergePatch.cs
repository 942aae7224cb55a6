using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Patching;

/// <summary>RFC 7386 JSON Merge Patch (application/merge-patch+json).</summary>
public static class JsonMergePatch
{
    /// <summary>Merges <paramref name="patch"/> into a copy of <paramref name="target"/>; a null member deletes.</summary>
    public static JsonNode Apply(JsonNode? target, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Merge(target?.DeepClone(), patch) ?? new JsonObject();
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            result.TryGetPropertyValue(name, out var existing);
            var merged = Merge(existing, value);
            if (!ReferenceEquals(merged, existing))
            {
                result[name] = merged;
            }
        }

        return result;
    }
}
