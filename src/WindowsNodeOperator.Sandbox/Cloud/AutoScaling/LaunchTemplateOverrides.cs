using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// One instance type of a mixed instances policy, its weight, and the launch template it launches from when not the policy's.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html
/// </summary>
public sealed record LaunchTemplateOverrides(
    string InstanceType,
    string? WeightedCapacity = null,
    LaunchTemplateSpecification? LaunchTemplateSpecification = null);
