using System.Globalization;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>Validation of label keys and values and construction of checked requirements.</summary>
internal static partial class LabelSyntax
{
    private const string NameMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    public static LabelRequirement Requirement(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        ValidateKey(key);
        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when values.Count == 0:
                throw Fail("for 'in', 'notin' operators, values set can't be empty");
            case LabelOperator.Equals or LabelOperator.NotEquals when values.Count != 1:
                throw Fail("exact-match compatibility requires one single value");
            case LabelOperator.Exists or LabelOperator.DoesNotExist when values.Count != 0:
                throw Fail("values set must be empty for exists and does not exist");
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    throw Fail("for 'Gt', 'Lt' operators, the value must be an integer");
                }

                break;
        }

        foreach (var value in values)
        {
            if (value.Length > 63 || (value.Length > 0 && !Name().IsMatch(value)))
            {
                throw Fail($"Invalid value: \"{value}\": {ValueMessage}");
            }
        }

        return new LabelRequirement(key, op, values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    public static void ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0)
        {
            var prefix = key[..slash];
            if (prefix.Length == 0 || prefix.Length > 253 || !Subdomain().IsMatch(prefix))
            {
                throw Fail($"Invalid value: \"{key}\": prefix part must be a lowercase RFC 1123 subdomain");
            }
        }

        if (name.Length == 0 || name.Length > 63 || !Name().IsMatch(name))
        {
            throw Fail($"Invalid value: \"{key}\": {NameMessage}");
        }
    }

    public static SelectorException Fail(string detail) => new($"unable to parse requirement: {detail}");
}
