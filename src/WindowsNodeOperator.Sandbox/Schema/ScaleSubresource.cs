namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>The scale subresource of a CRD version.</summary>
public sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);
