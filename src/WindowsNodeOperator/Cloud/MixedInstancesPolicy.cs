namespace WindowsNodeOperator.Cloud;

/// <summary>
/// A group's mixed instances policy: its launch template, the instance types it may launch (overrides) and the On-Demand/Spot
/// distribution. <see cref="Uncarried"/> names what the group's policy holds that these records do not (an override by
/// <c>InstanceRequirements</c> or <c>ImageId</c>), so that it is never sent back without it.
/// https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_MixedInstancesPolicy.html
/// </summary>
internal sealed record MixedInstancesPolicy(
    LaunchTemplateRef LaunchTemplate,
    IReadOnlyList<LaunchTemplateOverride> Overrides,
    InstancesDistribution? Distribution)
{
    /// <summary>Members of the policy as AWS described it that are not read into these records, by path (<c>Overrides[2].ImageId</c>).</summary>
    public IReadOnlyList<string> Uncarried { get; init; } = [];
}
