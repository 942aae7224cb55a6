using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>The configuration an instance refresh moves the group to: a launch template version.</summary>
public sealed record DesiredConfiguration(LaunchTemplateSpecification LaunchTemplate);
