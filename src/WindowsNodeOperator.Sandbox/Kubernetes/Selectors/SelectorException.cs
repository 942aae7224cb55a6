namespace WindowsNodeOperator.Sandbox.Kubernetes.Selectors;

/// <summary>A label or field selector that does not parse; kube-apiserver answers 400 Bad Request.</summary>
public sealed class SelectorException(string message) : Exception(message);
