using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.Engine;

/// <summary>An instance that booted (registers its Node) or terminated (its Node goes away).</summary>
internal sealed record NodeNotice(Ec2Instance Instance, bool Booted, string? ImageName = null);
