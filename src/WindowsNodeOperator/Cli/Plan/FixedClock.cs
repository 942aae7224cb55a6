namespace WindowsNodeOperator.Cli.Plan;

/// <summary>The clock of <c>plan --at</c>: every "now" the gatherer and the planner ask for is that instant.</summary>
internal sealed class FixedClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at;
}
