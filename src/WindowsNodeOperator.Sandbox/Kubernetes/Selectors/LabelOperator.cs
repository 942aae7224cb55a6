namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>The operators of a label selector requirement.</summary>
public enum LabelOperator
{
    Exists,
    DoesNotExist,
    Equals,
    NotEquals,
    In,
    NotIn,
    GreaterThan,
    LessThan,
}
