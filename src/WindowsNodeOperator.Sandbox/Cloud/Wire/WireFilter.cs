using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// One describe filter as the wire carries it (<c>Filter.1.Name</c>, <c>Filter.1.Value.1</c>; or <c>Filters.member.1.Values.member.1</c>):
/// its values are ORed, and EC2's <c>*</c> and <c>?</c> wildcards apply.
/// </summary>
internal sealed record WireFilter(string Name, IReadOnlyList<string> Values)
{
    /// <summary>The filters of a request: <c>Filter</c> and <c>Value</c> for EC2, <c>Filters</c> and <c>Values</c> for Query.</summary>
    public static IReadOnlyList<WireFilter> Read(QueryForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (list, values) = form.Flavor == QueryFlavor.Ec2 ? ("Filter", "Value") : ("Filters", "Values");
        return [.. form.Structures(list).Select(f => new WireFilter(f.Required("Name"), f.List(values)))];
    }

    /// <summary>Whether <paramref name="value"/> matches any of the values, wildcards included.</summary>
    public bool Matches(string? value) =>
        value is not null && Values.Any(pattern => pattern.Contains('*') || pattern.Contains('?')
            ? Regex.IsMatch(value, Glob(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : string.Equals(value, pattern, StringComparison.Ordinal));

    private static string Glob(string pattern) =>
        "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
}
