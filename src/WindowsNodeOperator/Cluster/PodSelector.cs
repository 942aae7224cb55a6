namespace WindowsNodeOperator.Cluster;

/// <summary>A metav1.LabelSelector: every matchLabels pair and every expression must hold.</summary>
internal sealed record PodSelector(IReadOnlyDictionary<string, string> MatchLabels, IReadOnlyList<SelectorExpression> Expressions)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return MatchLabels.All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
            && Expressions.All(e => e.Matches(labels));
    }
}
