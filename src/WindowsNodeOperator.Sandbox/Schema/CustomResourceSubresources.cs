namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>The subresources a CRD version enables.</summary>
public sealed record CustomResourceSubresources(bool Status, ScaleSubresource? Scale);
