namespace WindowsNodeOperator.Planning;

/// <summary>
/// Cordon and drain <paramref name="Node"/>, then terminate its instance in the group without lowering the desired
/// capacity, so the group launches a replacement from its launch template.
/// </summary>
internal sealed record ReplaceInstance(string Group, string InstanceId, string Node, ReplacementReasons Reasons) : PlanAction;
