namespace WindowsNodeOperator.Sandbox.Progress;

/// <summary>A finished drain: from the operator cordoning the node to the Node being deleted, on the sandbox clock.</summary>
public sealed record NodeDrain(string Node, TimeSpan Duration);
