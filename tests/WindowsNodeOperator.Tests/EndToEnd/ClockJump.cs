namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>One row of <see cref="ClockJumpTests"/>: the operator's wall clock stepped by <paramref name="By"/> at <paramref name="At"/>.</summary>
/// <param name="ForceDrains">The policy forces a drain after 2 h (<c>drain.onTimeout: Force</c>) instead of waiting.</param>
internal sealed record ClockJump(string Name, TimeSpan By, ClockJumpMoment At, bool ForceDrains = false)
{
    public override string ToString() => Name;
}
