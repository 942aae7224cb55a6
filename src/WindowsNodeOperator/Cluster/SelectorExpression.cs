namespace WindowsNodeOperator.Cluster;

/// <summary>One matchExpressions entry of a label selector.</summary>
internal sealed record SelectorExpression(string Key, string Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "In" => has && Values.Contains(value!),
            "NotIn" => !has || !Values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            // An operator we do not know selects nothing rather than everything.
            _ => false,
        };
    }
}
