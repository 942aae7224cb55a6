using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Runtime.Status;

/// <summary>Builds the RFC 7386 JSON merge patch that turns one document into another.</summary>
internal static class MergePatch
{
    /// <summary>The patch from <paramref name="from"/> to <paramref name="to"/>, or false when they are equal.</summary>
    public static bool TryCreate(JsonNode? from, JsonNode? to, out JsonNode? patch)
    {
        if (from is JsonObject source && to is JsonObject target)
        {
            var result = new JsonObject();
            foreach (var (name, value) in target)
            {
                if (!source.TryGetPropertyValue(name, out var old))
                {
                    if (value is not null)
                    {
                        result[name] = value.DeepClone();
                    }
                }
                else if (TryCreate(old, value, out var inner))
                {
                    result[name] = inner;
                }
            }

            foreach (var (name, _) in source)
            {
                if (!target.ContainsKey(name))
                {
                    result[name] = null;
                }
            }

            patch = result;
            return result.Count > 0;
        }

        // Scalars and arrays are replaced whole, as merge patch does.
        patch = to?.DeepClone();
        return !JsonNode.DeepEquals(from, to);
    }
}
