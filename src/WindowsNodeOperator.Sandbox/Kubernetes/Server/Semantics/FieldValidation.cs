namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Semantics;

/// <summary>The fieldValidation query parameter: what to do with unknown fields.</summary>
internal enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}
