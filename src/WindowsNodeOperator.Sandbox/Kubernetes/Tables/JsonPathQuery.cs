using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Tables;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>.a[0]</c>, <c>.a[-1]</c>, <c>.a[*].b</c>,
/// <c>['key.with.dots']</c> and filters such as <c>[?(@.type=="Ready")]</c> (==, !=, &lt;, &gt;, &lt;=, &gt;=, or existence).
/// </summary>
public sealed class JsonPathQuery
{
    private readonly IReadOnlyList<Func<JsonNode?, IEnumerable<JsonNode?>>> steps;

    private JsonPathQuery(string text, IReadOnlyList<Func<JsonNode?, IEnumerable<JsonNode?>>> steps)
    {
        Text = text;
        this.steps = steps;
    }

    public string Text { get; }

    /// <exception cref="FormatException">The path is outside the supported subset.</exception>
    public static JsonPathQuery Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }

        var steps = new List<Func<JsonNode?, IEnumerable<JsonNode?>>>();
        var i = text.StartsWith('$') ? 1 : 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    i++;
                }

                var name = text[start..i];
                if (name.Length == 0)
                {
                    throw new FormatException($"unrecognized JSONPath \"{path}\"");
                }

                steps.Add(name == "*" ? AllValues : Member(name));
            }
            else if (text[i] == '[')
            {
                var end = ClosingBracket(text, i, path);
                steps.Add(Bracket(text[(i + 1)..end].Trim(), path));
                i = end + 1;
            }
            else
            {
                throw new FormatException($"unrecognized JSONPath \"{path}\"");
            }
        }

        return new JsonPathQuery(path, steps);
    }

    /// <summary>Every node the path reaches, in document order; missing members are skipped.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in steps)
        {
            current = current.SelectMany(step).ToList();
        }

        return current.ToList();
    }

    private static Func<JsonNode?, IEnumerable<JsonNode?>> Member(string name) =>
        node => node is JsonObject o && o.TryGetPropertyValue(name, out var child) ? [child] : [];

    private static IEnumerable<JsonNode?> AllValues(JsonNode? node) => node switch
    {
        JsonArray a => a,
        JsonObject o => o.Select(p => p.Value),
        _ => [],
    };

    private static Func<JsonNode?, IEnumerable<JsonNode?>> Bracket(string inner, string path)
    {
        if (inner == "*")
        {
            return AllValues;
        }

        if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
        {
            return Member(inner[1..^1]);
        }

        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return node => node is JsonArray a && (index < 0 ? a.Count + index : index) is var at && at >= 0 && at < a.Count ? [a[at]] : [];
        }

        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var filter = Filter(inner[2..^1].Trim(), path);
            return node => AllValues(node).Where(filter);
        }

        throw new FormatException($"unrecognized JSONPath \"{path}\"");
    }

    private static Func<JsonNode?, bool> Filter(string expression, string path)
    {
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            var at = expression.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var left = Relative(expression[..at].Trim(), path);
            var right = Literal(expression[(at + op.Length)..].Trim());
            return item => left.Evaluate(item).Any(value => Compare(value, op, right));
        }

        var exists = Relative(expression, path);
        return item => exists.Evaluate(item).Count > 0;
    }

    private static JsonPathQuery Relative(string operand, string path) =>
        operand.StartsWith('@') ? Parse(operand[1..]) : throw new FormatException($"unrecognized JSONPath filter in \"{path}\"");

    private static JsonNode? Literal(string text) =>
        text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0]
            ? JsonValue.Create(text[1..^1])
            : JsonNode.Parse(text);

    private static bool Compare(JsonNode? value, string op, JsonNode? literal)
    {
        if (op is "==" or "!=")
        {
            return JsonNode.DeepEquals(value, literal) == (op == "==");
        }

        if (value?.GetValueKind() != JsonValueKind.Number || literal?.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var l = double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
        var r = double.Parse(literal.ToJsonString(), CultureInfo.InvariantCulture);
        return op switch { "<" => l < r, ">" => l > r, "<=" => l <= r, _ => l >= r };
    }

    private static int ClosingBracket(string text, int open, string path)
    {
        char? quote = null;
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"unrecognized JSONPath \"{path}\"");
    }
}
