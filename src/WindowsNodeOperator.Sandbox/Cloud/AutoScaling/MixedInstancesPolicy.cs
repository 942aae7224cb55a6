using WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Sandbox.Cloud.AutoScaling;

/// <summary>
/// A group's mixed instances policy: its launch template, the instance types it may launch (in priority order) and the
/// On-Demand/Spot distribution. Two policies are equal when all of that is.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_MixedInstancesPolicy.html
/// </summary>
public sealed record MixedInstancesPolicy(
    LaunchTemplateSpecification LaunchTemplateSpecification,
    IReadOnlyList<LaunchTemplateOverrides> Overrides,
    InstancesDistribution? InstancesDistribution = null)
{
    public bool Equals(MixedInstancesPolicy? other) =>
        other is not null
        && LaunchTemplateSpecification == other.LaunchTemplateSpecification
        && Overrides.SequenceEqual(other.Overrides)
        && InstancesDistribution == other.InstancesDistribution;

    public override int GetHashCode() => HashCode.Combine(LaunchTemplateSpecification, Overrides.Count, InstancesDistribution);
}
