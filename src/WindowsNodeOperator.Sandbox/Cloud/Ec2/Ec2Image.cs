namespace WindowsNodeOperator.Sandbox.Cloud.Ec2;

/// <summary>An AMI as DescribeImages reports it; <c>Platform</c> is <c>windows</c> or null for Linux.</summary>
public sealed record Ec2Image(string ImageId, string Name, DateTimeOffset CreationDate, string? Platform);
