namespace WindowsNodeOperator.Planning;

/// <summary>Something wrong with a policy spec that its schema cannot catch, named by field path.</summary>
internal sealed record PolicyProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
