namespace WindowsNodeOperator.Cluster;

/// <summary>What the operator reads from a Node.</summary>
internal sealed record ClusterNode(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? CreatedAt,
    string? ProviderId,
    bool Unschedulable,
    bool Ready)
{
    /// <summary>The policy that cordoned this node, when the operator did.</summary>
    public string? CordonedBy => Annotations.GetValueOrDefault(CordonAnnotations.CordonedBy);

    /// <summary>When the operator cordoned this node, when it did and the annotation is readable.</summary>
    public DateTimeOffset? CordonedAt =>
        Annotations.GetValueOrDefault(CordonAnnotations.CordonedAt) is { } text
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
