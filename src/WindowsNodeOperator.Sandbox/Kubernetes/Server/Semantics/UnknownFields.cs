using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>Paths present before pruning and gone after it: the unknown fields strict validation reports.</summary>
internal static class UnknownFields
{
    public static IReadOnlyList<string> Diff(JsonObject before, JsonObject after)
    {
        var paths = new List<string>();
        Walk(before, after, "", paths);
        return paths;
    }

    private static void Walk(JsonNode? before, JsonNode? after, string path, List<string> paths)
    {
        switch (before)
        {
            case JsonObject b when after is JsonObject a:
                foreach (var (key, value) in b)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!a.ContainsKey(key))
                    {
                        paths.Add(child);
                    }
                    else
                    {
                        Walk(value, a[key], child, paths);
                    }
                }

                break;
            case JsonArray b when after is JsonArray a:
                for (var i = 0; i < Math.Min(b.Count, a.Count); i++)
                {
                    Walk(b[i], a[i], $"{path}[{i}]", paths);
                }

                break;
        }
    }
}
