using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to label and field selectors: a predicate per query string.</summary>
internal static class Selectors
{
    public static Func<JsonObject, bool>? Parse(string? labelSelector, string? fieldSelector)
    {
        var labels = string.IsNullOrWhiteSpace(labelSelector) ? null : ParseLabels(labelSelector);
        var fields = string.IsNullOrWhiteSpace(fieldSelector) ? null : ParseFields(fieldSelector);
        if (labels is null && fields is null)
        {
            return null;
        }

        return obj => (labels?.Invoke(Meta.Labels(obj)) ?? true) && (fields?.Invoke(obj) ?? true);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseLabels(string selector)
    {
        var tests = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTopLevel(selector))
        {
            var term = raw.Trim();
            if (term.StartsWith('!'))
            {
                var key = term[1..].Trim();
                tests.Add(l => !l.ContainsKey(key));
            }
            else if (term.Contains(" notin ", StringComparison.Ordinal) || term.Contains(" in ", StringComparison.Ordinal))
            {
                var notIn = term.Contains(" notin ", StringComparison.Ordinal);
                var parts = term.Split(notIn ? " notin " : " in ", 2);
                var key = parts[0].Trim();
                var values = parts[1].Trim().TrimStart('(').TrimEnd(')').Split(',').Select(v => v.Trim()).ToHashSet();
                tests.Add(l => notIn ? !(l.TryGetValue(key, out var v) && values.Contains(v)) : l.TryGetValue(key, out var w) && values.Contains(w));
            }
            else if (term.Contains("!=", StringComparison.Ordinal))
            {
                var parts = term.Split("!=", 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                tests.Add(l => !(l.TryGetValue(key, out var v) && v == value));
            }
            else if (term.Contains('=', StringComparison.Ordinal))
            {
                var parts = term.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
                var (key, value) = (parts[0].Trim(), parts[1].Trim());
                tests.Add(l => l.TryGetValue(key, out var v) && v == value);
            }
            else if (term.Length > 0)
            {
                tests.Add(l => l.ContainsKey(term));
            }
        }

        return labels => tests.All(t => t(labels));
    }

    private static Func<JsonObject, bool> ParseFields(string selector)
    {
        var tests = new List<Func<JsonObject, bool>>();
        foreach (var raw in selector.Split(','))
        {
            var negate = raw.Contains("!=", StringComparison.Ordinal);
            var parts = negate ? raw.Split("!=", 2) : raw.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            if (parts.Length != 2)
            {
                throw ApiErrors.BadRequest($"invalid selector: '{selector}'; can't understand '{raw}'");
            }

            var (path, value) = (parts[0].Trim(), parts[1].Trim());
            tests.Add(o => (Resolve(o, path) == value) != negate);
        }

        return o => tests.All(t => t(o));
    }

    private static string Resolve(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
