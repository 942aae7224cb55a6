using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>
/// A field selector (<c>spec.nodeName=n1,status.phase!=Succeeded</c>): the AND of equality terms over dotted
/// paths, a missing field reading as "" and a boolean as "true"/"false".
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] MetadataFields = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> FieldsByKind = new(StringComparer.Ordinal)
    {
        ["Pod"] =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
        ],
        ["Node"] = ["spec.unschedulable"],
        ["Namespace"] = ["status.phase"],
        ["Event"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
            "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
            "reportingController",
        ],
        ["Secret"] = ["type"],
        ["ReplicaSet"] = ["status.replicas"],
        ["Job"] = ["status.successful"],
    };

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>Parses <c>f=v</c>, <c>f==v</c> and <c>f!=v</c> terms joined by commas; <c>\,</c>, <c>\=</c> and <c>\\</c> escape.</summary>
    /// <exception cref="SelectorException">A term has no operator or no field.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(selector))
        {
            requirements.Add(ParseTerm(term, selector));
        }

        return new(requirements);
    }

    /// <summary>The fields kube-apiserver lets a field selector use for a kind (always metadata.name and metadata.namespace).</summary>
    public static IReadOnlySet<string> SupportedFields(string kind) =>
        MetadataFields.Concat(FieldsByKind.GetValueOrDefault(kind) ?? []).ToHashSet(StringComparer.Ordinal);

    /// <summary>Throws the error kube answers (400) when the selector uses a field the kind does not support.</summary>
    /// <exception cref="SelectorException">"field label not supported: x".</exception>
    public void EnsureSupported(string kind)
    {
        var supported = SupportedFields(kind);
        var unsupported = Requirements.FirstOrDefault(r => !supported.Contains(r.Field));
        if (unsupported is not null)
        {
            throw new SelectorException($"field label not supported: {unsupported.Field}");
        }
    }

    public bool Matches(JsonNode? obj) => Requirements.All(r => (Resolve(obj, r.Field) == r.Value) == r.Equal);

    /// <summary>The selector form of a field's value: "" when missing, "true"/"false" for booleans, JSON text otherwise.</summary>
    public static string Resolve(JsonNode? obj, string field)
    {
        var current = obj;
        foreach (var part in field.Split('.'))
        {
            current = current is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
            if (current is null)
            {
                return string.Empty;
            }
        }

        return current?.GetValueKind() switch
        {
            null => string.Empty,
            JsonValueKind.String => current.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => current.ToJsonString(),
        };
    }

    public override string ToString() => string.Join(',', Requirements);

    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    private static FieldRequirement ParseTerm(string term, string selector)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var index = IndexOfUnescaped(term, op);
            if (index >= 0)
            {
                var field = term[..index].Trim();
                var value = Unescape(term[(index + op.Length)..]);
                if (field.Length == 0)
                {
                    break;
                }

                return new FieldRequirement(field, equal, value);
            }
        }

        throw new SelectorException(string.Create(CultureInfo.InvariantCulture, $"invalid selector: '{selector}'; can't understand '{term}'"));
    }

    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (c == '\\' && i + 1 < selector.Length)
            {
                current.Append(c).Append(selector[++i]);
            }
            else if (c == ',')
            {
                terms.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        terms.Add(current.ToString());
        return terms;
    }

    private static int IndexOfUnescaped(string term, string op)
    {
        for (var i = 0; i + op.Length <= term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }
}
