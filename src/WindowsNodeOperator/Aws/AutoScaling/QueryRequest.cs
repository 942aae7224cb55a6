using System.Globalization;

namespace WindowsNodeOperator.Aws.AutoScaling;

/// <summary>
/// One AWS Query protocol call: the action and its parameters flattened to form fields
/// (lists as <c>Name.member.N</c>, structures as <c>A.B</c>).
/// </summary>
internal sealed class QueryRequest(string action)
{
    public const string ApiVersion = "2011-01-01";

    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    public QueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }

        return this;
    }

    public QueryRequest Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryRequest Add(string name, bool? value) =>
        Add(name, value switch { null => null, true => "true", false => "false" });

    /// <summary>Durations go on the wire as whole seconds.</summary>
    public QueryRequest Add(string name, TimeSpan? duration) =>
        Add(name, duration is { } d ? (int)d.TotalSeconds : null);

    public QueryRequest AddList(string name, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values)
        {
            Add($"{name}.member.{++index}", value);
        }

        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> ToForm() =>
        [new("Action", Action), new("Version", ApiVersion), .. _parameters];
}
