using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>
/// A label selector: the AND of its requirements. Parsed from the <c>labelSelector</c> query syntax or
/// built from a metav1.LabelSelector object.
/// </summary>
public sealed class LabelSelector
{
    private readonly bool matchesNothing;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing = false)
    {
        Requirements = requirements;
        this.matchesNothing = matchesNothing;
    }

    /// <summary>Selects every object (an empty selector).</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Selects no object (a null metav1.LabelSelector).</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => !matchesNothing && Requirements.Count == 0;

    /// <summary>Parses <c>a=b,c!=d,e in (f,g),!h</c>; null or blank selects everything.</summary>
    /// <exception cref="SelectorException">The selector does not parse.</exception>
    public static LabelSelector Parse(string? selector) =>
        string.IsNullOrWhiteSpace(selector) ? Everything : new(new LabelSelectorParser(selector).Parse());

    /// <summary>
    /// Builds a selector from a metav1.LabelSelector (matchLabels and matchExpressions); an empty one selects
    /// everything and a null one nothing, as PodDisruptionBudgets treat them.
    /// </summary>
    public static LabelSelector FromObject(JsonNode? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        if (selector is not JsonObject obj)
        {
            throw new SelectorException("label selector must be an object");
        }

        var requirements = new List<LabelRequirement>();
        if (obj["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add(LabelSyntax.Requirement(key, LabelOperator.Equals, [value?.ToString() ?? string.Empty]));
            }
        }

        if (obj["matchExpressions"] is JsonArray expressions)
        {
            requirements.AddRange(expressions.Select(Expression));
        }

        return requirements.Count == 0 ? Everything : new(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (matchesNothing)
        {
            return false;
        }

        labels ??= new Dictionary<string, string>();
        return Requirements.All(r => r.Matches(labels));
    }

    /// <summary>Matches the <c>metadata.labels</c> of an object.</summary>
    public bool Matches(JsonNode? obj) => Matches(LabelsOf(obj));

    /// <summary>The <c>metadata.labels</c> of an object as a dictionary (empty when it has none).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonNode? obj) =>
        obj?["metadata"]?["labels"] is JsonObject labels
            ? labels.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public override string ToString() => matchesNothing ? "<none>" : string.Join(',', Requirements);

    private static LabelRequirement Expression(JsonNode? node)
    {
        var key = node?["key"]?.GetValue<string>() ?? throw new SelectorException("matchExpressions entry needs a key");
        var op = node["operator"]?.GetValue<string>();
        var values = node["values"] is JsonArray array
            ? array.Select(v => v?.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v?.ToJsonString() ?? string.Empty).ToArray()
            : [];
        var parsed = op switch
        {
            "In" => LabelOperator.In,
            "NotIn" => LabelOperator.NotIn,
            "Exists" => LabelOperator.Exists,
            "DoesNotExist" => LabelOperator.DoesNotExist,
            _ => throw new SelectorException($"\"{op}\" is not a valid label selector operator"),
        };
        return LabelSyntax.Requirement(key, parsed, values);
    }
}
