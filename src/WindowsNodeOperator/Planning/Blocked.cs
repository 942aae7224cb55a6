namespace WindowsNodeOperator.Planning;

/// <summary>A group that has work to do but may not do it, and why.</summary>
internal sealed record Blocked(string Group, Wait Why);
