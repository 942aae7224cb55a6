namespace WindowsNodeOperator.Planning;

/// <summary>The fleet complies with the policy and nothing is under way.</summary>
internal sealed record NoAction : PlanAction
{
    public static NoAction Instance { get; } = new();
}
