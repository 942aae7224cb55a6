using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using WindowsNodeOperator.Sandbox.Cloud.Faults;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The parameters of a Query or EC2 request (form body and query string), read back into lists and structures.
/// A view with a prefix reads the members of one structure (<c>Filter.1.</c>).
/// </summary>
internal sealed class QueryForm
{
    private readonly IReadOnlyDictionary<string, string> _fields;
    private readonly string _prefix;

    private QueryForm(IReadOnlyDictionary<string, string> fields, QueryFlavor flavor, string prefix)
    {
        _fields = fields;
        Flavor = flavor;
        _prefix = prefix;
    }

    public QueryFlavor Flavor { get; }

    /// <summary>The query string and, unless it is JSON, the body; a name given twice keeps its first value.</summary>
    public static QueryForm Read(WireRequest request, QueryFlavor flavor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(fields, request.Query);
        if (request.Body.Length > 0 && request.Header("Content-Type")?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            Add(fields, Encoding.UTF8.GetString(request.Body));
        }

        return new QueryForm(fields, flavor, string.Empty);
    }

    public string? Get(string name) => _fields.TryGetValue(_prefix + name, out var value) ? value : null;

    public string Required(string name) => Get(name) ?? throw Missing(name);

    public int? Int(string name) => Get(name) is { } text
        ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw Invalid(name, text)
        : null;

    public bool? Bool(string name) => Get(name) switch
    {
        null => null,
        { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        { } text => throw Invalid(name, text),
    };

    /// <summary>A list of strings: <c>Name.1</c> (EC2) or <c>Name.member.1</c> (Query), in index order.</summary>
    public IReadOnlyList<string> List(string name) => [.. Indexes(name).Select(i => _fields[ListKey(name, i)])];

    /// <summary>A list of structures, each a view on its members.</summary>
    public IReadOnlyList<QueryForm> Structures(string name) =>
        [.. Indexes(name).Select(i => new QueryForm(_fields, Flavor, ListKey(name, i) + "."))];

    public QueryForm Structure(string name) => new(_fields, Flavor, _prefix + name + ".");

    /// <summary>The names of the members given in this view (the first part of each field's name after the view's prefix).</summary>
    public IReadOnlyList<string> MemberNames() =>
        [.. _fields.Keys.Where(k => k.StartsWith(_prefix, StringComparison.Ordinal)).Select(k => k[_prefix.Length..].Split('.')[0]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Whether any member of this view starts with <paramref name="name"/>.</summary>
    public bool Has(string name) => _fields.Keys.Any(k => k.StartsWith(_prefix + name, StringComparison.Ordinal));

    public SimulatedAwsException Missing(string name) => Flavor == QueryFlavor.Ec2
        ? new SimulatedAwsException("MissingParameter", 400, $"The request must contain the parameter {_prefix}{name}")
        : SimulatedAwsException.Validation($"1 validation error detected: Value null at '{Camel(_prefix + name)}' failed to satisfy constraint: Member must not be null");

    public SimulatedAwsException Invalid(string name, string value, string? why = null) => Flavor == QueryFlavor.Ec2
        ? new SimulatedAwsException("InvalidParameterValue", 400, $"Value ({value}) for parameter {_prefix}{name} is invalid. {why}".TrimEnd())
        : SimulatedAwsException.Validation($"1 validation error detected: Value '{value}' at '{Camel(_prefix + name)}' failed to satisfy constraint: {why ?? "Member must be valid"}");

    private string ListKey(string name, int index) => Flavor == QueryFlavor.Ec2
        ? string.Create(CultureInfo.InvariantCulture, $"{_prefix}{name}.{index}")
        : string.Create(CultureInfo.InvariantCulture, $"{_prefix}{name}.member.{index}");

    private IEnumerable<int> Indexes(string name)
    {
        var head = Flavor == QueryFlavor.Ec2 ? $"{_prefix}{name}." : $"{_prefix}{name}.member.";
        return _fields.Keys
            .Where(k => k.StartsWith(head, StringComparison.Ordinal))
            .Select(k => k[head.Length..].Split('.')[0])
            .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0)
            .Where(i => i > 0)
            .Distinct()
            .Order();
    }

    private static void Add(Dictionary<string, string> fields, string text)
    {
        foreach (var (key, values) in QueryHelpers.ParseQuery(text))
        {
            fields.TryAdd(key, values.Count > 0 ? values[0] ?? string.Empty : string.Empty);
        }
    }

    private static string Camel(string path) => string.Join('.', path.Split('.').Select(p => p.Length > 0 ? char.ToLowerInvariant(p[0]) + p[1..] : p));
}
