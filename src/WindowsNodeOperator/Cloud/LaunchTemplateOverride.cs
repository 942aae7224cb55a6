namespace WindowsNodeOperator.Cloud;

/// <summary>
/// One instance type of a mixed instances policy, its weight, and the launch template it launches from when not the policy's.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_LaunchTemplateOverrides.html
/// </summary>
internal sealed record LaunchTemplateOverride(string? InstanceType, string? WeightedCapacity = null, LaunchTemplateRef? LaunchTemplate = null);
