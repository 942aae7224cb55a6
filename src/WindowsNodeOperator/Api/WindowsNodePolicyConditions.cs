namespace WindowsNodeOperator.Api;

/// <summary>The condition types a policy reports.</summary>
public static class WindowsNodePolicyConditions
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Degraded = "Degraded";
}
