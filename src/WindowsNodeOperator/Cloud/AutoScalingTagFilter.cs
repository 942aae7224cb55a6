namespace WindowsNodeOperator.Cloud;

/// <summary>Matches groups whose tag <paramref name="Key"/> has one of <paramref name="Values"/>, or any value when empty.</summary>
internal sealed record AutoScalingTagFilter(string Key, IReadOnlyList<string> Values);
