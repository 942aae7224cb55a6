namespace WindowsNodeOperator.Planning;

/// <summary><c>disruption.maxUnavailable</c>: a node count, or a percentage of the selected nodes.</summary>
internal readonly record struct MaxUnavailable(int Value, bool IsPercent)
{
    /// <summary>The count for a fleet of <paramref name="selectedNodes"/>: a percentage rounds down, and is at least 1.</summary>
    public int Resolve(int selectedNodes) =>
        IsPercent ? Math.Max(1, (int)((long)selectedNodes * Value / 100)) : Math.Max(1, Value);

    public override string ToString() => IsPercent ? $"{Value}%" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
