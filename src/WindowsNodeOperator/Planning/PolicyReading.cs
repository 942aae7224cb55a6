namespace WindowsNodeOperator.Planning;

/// <summary>The outcome of reading a policy spec: settings when it is valid, and every problem found.</summary>
internal sealed record PolicyReading(PolicySettings? Settings, IReadOnlyList<PolicyProblem> Problems)
{
    public bool Valid => Settings is not null;
}
